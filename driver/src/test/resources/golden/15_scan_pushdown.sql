-- Queries over materialized views read them through StoredTableScan: only the columns a query uses are decoded, and
-- simple WHERE conjuncts (a column compared with a literal or parameter, IS [NOT] NULL, a BOOLEAN column) are
-- evaluated during the scan; the rest stays with Calcite. Every query below gives what the same query gives over
-- the plain table the view copies (which is scanned whole): NULLs, numbers of other types and scales, strings with
-- trailing blanks, dates and timestamps, CHAR, floating point, and conditions the scan leaves to Calcite.
-- (Aggregating streaming views, whose point lookups read one group: ScanPushdownKinesisTest.)
CREATE TABLE t (id INTEGER, n BIGINT, d DECIMAL(10, 2), s VARCHAR(20), b BOOLEAN, dt DATE, ts TIMESTAMP, f DOUBLE PRECISION, c CHAR(3), sm SMALLINT);

INSERT INTO t VALUES (1, 10, 1.50, 'apple', TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 10:00:00', 1.5, 'ab', 1),
  (2, 20, 2.00, 'banana', FALSE, DATE '2026-01-02', TIMESTAMP '2026-01-02 10:00:00.250', -0.0, 'cd', 2),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 40, 7.00, 'apple ', TRUE, DATE '2026-02-01', TIMESTAMP '2026-02-01 00:00:00', 7.0, 'ab', -3),
  (5, 50, -0.01, '', FALSE, DATE '2025-12-31', TIMESTAMP '2025-12-31 23:59:59.999', 0.0, 'x', 5),
  (7, 9000000000, 12345678.99, 'Apple', TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 10:00:00', 2.5, 'zz', 7);
-- count: 6

CREATE MATERIALIZED VIEW m AS SELECT * FROM t;

SELECT id FROM m WHERE id = 7 ORDER BY id;
-- id
-- 7

SELECT id FROM m WHERE id = 7.0 ORDER BY id;
-- id
-- 7

SELECT id FROM m WHERE id = '7' ORDER BY id;
-- id
-- 7

SELECT id FROM m WHERE id = 7.5 ORDER BY id;
-- id

SELECT id FROM m WHERE id <> 1 ORDER BY id;
-- id
-- 2
-- 3
-- 4
-- 5
-- 7

SELECT id FROM m WHERE id < 3 ORDER BY id;
-- id
-- 1
-- 2

SELECT id FROM m WHERE 3 < id ORDER BY id;
-- id
-- 4
-- 5
-- 7

SELECT id FROM m WHERE id >= 4 AND id <= 5 ORDER BY id;
-- id
-- 4
-- 5

SELECT id FROM m WHERE id = NULL ORDER BY id;
-- id

SELECT id FROM m WHERE id IS NULL ORDER BY id;
-- id

SELECT id FROM m WHERE n IS NULL ORDER BY id;
-- id
-- 3

SELECT id FROM m WHERE n IS NOT NULL ORDER BY id;
-- id
-- 1
-- 2
-- 4
-- 5
-- 7

SELECT id FROM m WHERE n = 9000000000 ORDER BY id;
-- id
-- 7

SELECT id FROM m WHERE n > 20 ORDER BY id;
-- id
-- 4
-- 5
-- 7

SELECT id FROM m WHERE n = 20.0 ORDER BY id;
-- id
-- 2

SELECT id FROM m WHERE sm = 2 ORDER BY id;
-- id
-- 2

SELECT id FROM m WHERE sm < 0 ORDER BY id;
-- id
-- 4

SELECT id FROM m WHERE sm = 70000 ORDER BY id;
-- id

SELECT id FROM m WHERE d = 1.5 ORDER BY id;
-- id
-- 1

SELECT id FROM m WHERE d = 1.50 ORDER BY id;
-- id
-- 1

SELECT id FROM m WHERE d = 1.500 ORDER BY id;
-- id
-- 1

SELECT id FROM m WHERE d = 2 ORDER BY id;
-- id
-- 2

SELECT id FROM m WHERE d > 1.999 ORDER BY id;
-- id
-- 2
-- 4
-- 7

SELECT id FROM m WHERE d < 0 ORDER BY id;
-- id
-- 5

SELECT id FROM m WHERE d = 7 ORDER BY id;
-- id
-- 4

SELECT id FROM m WHERE d >= 12345678.99 ORDER BY id;
-- id
-- 7

SELECT id FROM m WHERE d = 1.505 ORDER BY id;
-- id

SELECT id FROM m WHERE s = 'apple' ORDER BY id;
-- id
-- 1

SELECT id FROM m WHERE s = 'apple ' ORDER BY id;
-- id
-- 4

SELECT id FROM m WHERE s <> 'apple' ORDER BY id;
-- id
-- 2
-- 4
-- 5
-- 7

SELECT id FROM m WHERE s = '' ORDER BY id;
-- id
-- 5

SELECT id FROM m WHERE s = 'Apple' ORDER BY id;
-- id
-- 7

SELECT id FROM m WHERE s IS NULL ORDER BY id;
-- id
-- 3

SELECT id FROM m WHERE s = 'apple' AND id = 1 ORDER BY id;
-- id
-- 1

SELECT id FROM m WHERE s = 'apple' OR id = 2 ORDER BY id;
-- id
-- 1
-- 2

SELECT id FROM m WHERE s LIKE 'app%' ORDER BY id;
-- id
-- 1
-- 4

SELECT id FROM m WHERE s > 'b' ORDER BY id;
-- id
-- 2

SELECT id FROM m WHERE b ORDER BY id;
-- id
-- 1
-- 4
-- 7

SELECT id FROM m WHERE b = TRUE ORDER BY id;
-- id
-- 1
-- 4
-- 7

SELECT id FROM m WHERE b = FALSE ORDER BY id;
-- id
-- 2
-- 5

SELECT id FROM m WHERE NOT b ORDER BY id;
-- id
-- 2
-- 5

SELECT id FROM m WHERE b IS NULL ORDER BY id;
-- id
-- 3

SELECT id FROM m WHERE dt = DATE '2026-01-01' ORDER BY id;
-- id
-- 1
-- 7

SELECT id FROM m WHERE dt < DATE '2026-01-02' ORDER BY id;
-- id
-- 1
-- 5
-- 7

SELECT id FROM m WHERE dt > DATE '2026-01-01' AND dt IS NOT NULL ORDER BY id;
-- id
-- 2
-- 4

SELECT id FROM m WHERE ts = TIMESTAMP '2026-01-02 10:00:00.250' ORDER BY id;
-- id
-- 2

SELECT id FROM m WHERE ts >= TIMESTAMP '2026-01-01 10:00:00' ORDER BY id;
-- id
-- 1
-- 2
-- 4
-- 7

SELECT id FROM m WHERE ts < TIMESTAMP '2026-01-01 00:00:00' ORDER BY id;
-- id
-- 5

SELECT id FROM m WHERE f = 0 ORDER BY id;
-- id
-- 2
-- 5

SELECT id FROM m WHERE f = 0.0 ORDER BY id;
-- id
-- 2
-- 5

SELECT id FROM m WHERE f > 1 ORDER BY id;
-- id
-- 1
-- 4
-- 7

SELECT id FROM m WHERE c = 'ab' ORDER BY id;
-- id
-- 1
-- 4

SELECT id FROM m WHERE c = 'ab ' ORDER BY id;
-- id
-- 1
-- 4

SELECT id FROM m WHERE id IN (1, 2, 5) ORDER BY id;
-- id
-- 1
-- 2
-- 5

SELECT id FROM m WHERE id BETWEEN 2 AND 4 ORDER BY id;
-- id
-- 2
-- 3
-- 4

SELECT id FROM m WHERE COALESCE(n, 0) = 0 ORDER BY id;
-- id
-- 3

SELECT id FROM m WHERE id + 1 = 3 ORDER BY id;
-- id
-- 2

SELECT CHAR_LENGTH(s) AS len, d, id FROM m WHERE d > 0 ORDER BY id;
-- len | d | id
-- 5 | 1.50 | 1
-- 6 | 2.00 | 2
-- 6 | 7.00 | 4
-- 5 | 12345678.99 | 7

SELECT COUNT(*), SUM(d) FROM m WHERE s = 'apple';
-- EXPR$0 | EXPR$1
-- 1 | 1.50

SELECT * FROM m WHERE id = 1;
-- id | n | d | s | b | dt | ts | f | c | sm
-- 1 | 10 | 1.50 | apple | true | 2026-01-01 | 2026-01-01 10:00:00.0 | 1.5 | ab  | 1

SELECT dt, ts FROM m WHERE id = 2;
-- dt | ts
-- 2026-01-02 | 2026-01-02 10:00:00.25

SELECT s, id FROM m ORDER BY s DESC NULLS LAST, id LIMIT 3;
-- s | id
-- banana | 2
-- apple  | 4
-- apple | 1

SELECT id, f FROM m WHERE f = 0 ORDER BY id;
-- id | f
-- 2 | 0.0
-- 5 | 0.0
