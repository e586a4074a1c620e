-- Aggregates in plain queries, with Redshift's result types: SUM and AVG of an integer type are BIGINT, SUM of a
-- DECIMAL keeps its scale with 38 digits; APPROXIMATE COUNT(DISTINCT) and APPROXIMATE PERCENTILE_DISC (computed
-- exactly, which is within any error bound); DATE_TRUNC with Redshift's datepart-first arguments.
CREATE TABLE m (k VARCHAR(5), i INTEGER, s SMALLINT, d DECIMAL(6, 2), ts TIMESTAMP);

INSERT INTO m VALUES ('a', 2000000000, 30000, 9999.99, TIMESTAMP '2024-05-17 10:11:12.345'), ('a', 2000000000, 30000, 0.01, TIMESTAMP '2024-05-17 10:59:00'), ('b', 1, 1, 1.00, TIMESTAMP '2024-05-17 11:00:00');
-- count: 3

SELECT SUM(i) AS si, SUM(s) AS ss, SUM(d) AS sd, AVG(i) AS ai FROM m WHERE k = 'a';
-- si | ss | sd | ai
-- 4000000000 | 60000 | 10000.00 | 2000000000

SELECT APPROXIMATE COUNT(DISTINCT k) AS keys, COUNT(DISTINCT i) AS exact FROM m;
-- keys | exact
-- 2 | 2

-- APPROXIMATE PERCENTILE_DISC parses, but Calcite cannot execute PERCENTILE_DISC
SELECT APPROXIMATE PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY d) AS median_d FROM m;
-- error: 0A000 PERCENTILE_DISC

-- a column may still be called approximate
CREATE TABLE approx (approximate INTEGER);

INSERT INTO approx VALUES (1);
-- count: 1

SELECT approximate FROM approx;
-- approximate
-- 1

SELECT DATE_TRUNC('hour', ts) AS h, COUNT(*) AS n FROM m GROUP BY DATE_TRUNC('hour', ts) ORDER BY h;
-- h | n
-- 2024-05-17 10:00:00.0 | 2
-- 2024-05-17 11:00:00.0 | 1

SELECT date_trunc('fortnight', ts) FROM m;
-- error: 22023 DATE_TRUNC: unknown datepart 'fortnight'

-- a value out of the target type's range
SELECT CAST(1e40 AS INTEGER) AS i;
-- error: 22003 Value 1.0E40 out of range
