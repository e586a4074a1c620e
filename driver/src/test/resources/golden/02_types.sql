-- Redshift's column types round-trip through a table.
CREATE TABLE typed (
  s SMALLINT, i INTEGER, b BIGINT, d DECIMAL(12,3), r REAL, f DOUBLE PRECISION, ok BOOLEAN,
  c CHAR(4), v VARCHAR(10), dt DATE, ts TIMESTAMP, vb VARBYTE(8), j SUPER
);

INSERT INTO typed VALUES (1, 2, 3000000000, 12.345, 1.5, 2.25, true, 'ab', 'hello', DATE '2024-02-29',
  TIMESTAMP '2024-02-29 23:59:58', to_varbyte('cafe', 'hex'), json_parse('{"a": [1, 2, {"b": null}]}'));
-- count: 1

INSERT INTO typed (i) VALUES (7);
-- count: 1

SELECT s, i, b, d, r, f, ok, c, v, dt, ts, vb, j FROM typed ORDER BY i;
-- s | i | b | d | r | f | ok | c | v | dt | ts | vb | j
-- 1 | 2 | 3000000000 | 12.345 | 1.5 | 2.25 | true | ab   | hello | 2024-02-29 | 2024-02-29 23:59:58.0 | cafe | {"a":[1,2,{"b":null}]}
-- NULL | 7 | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL

SELECT i FROM typed WHERE ts > TIMESTAMP '2024-01-01 00:00:00' AND dt = DATE '2024-02-29';
-- i
-- 2

CREATE TABLE more_types (a INT4, b INT8, c FLOAT8, d TEXT, e BOOL, f NUMERIC(5,1), g TIMESTAMPTZ);

INSERT INTO more_types VALUES (1, 2, 3.5, 'text', false, 1.5, TIMESTAMP '2024-01-01 00:00:00');
-- count: 1

SELECT a, b, c, d, e, f FROM more_types;
-- a | b | c | d | e | f
-- 1 | 2 | 3.5 | text | false | 1.5

SELECT '41'::integer + 1 AS answer;
-- answer
-- 42
