-- Aggregating streaming views: what cannot be maintained incrementally is refused at CREATE with 0A000, naming the
-- construct, before any stream is read. (Views that can be maintained are exercised against Kinesis by
-- AggregationRefreshTest.)
CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;

CREATE TABLE users (id INTEGER);

-- DISTINCT aggregates
CREATE MATERIALIZED VIEW d AS SELECT partition_key, COUNT(DISTINCT shard_id) AS shards FROM kds.s GROUP BY partition_key;
-- error: 0A000 DISTINCT aggregates (COUNT(DISTINCT …)) cannot be maintained incrementally

CREATE MATERIALIZED VIEW d2 AS SELECT SUM(DISTINCT LENGTH(partition_key)) AS n FROM kds.s;
-- error: 0A000 DISTINCT aggregates (SUM(DISTINCT …))

-- aggregates other than COUNT, SUM, MIN, MAX and AVG
CREATE MATERIALIZED VIEW m AS SELECT partition_key, MEDIAN(LENGTH(partition_key)) AS m FROM kds.s GROUP BY partition_key;
-- error: 0A000 aggregate function MEDIAN cannot be maintained incrementally on a stream; a streaming view may use COUNT, SUM, MIN, MAX and AVG

CREATE MATERIALIZED VIEW p AS SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY LENGTH(partition_key)) AS p FROM kds.s;
-- error: 0A000 aggregate function PERCENTILE_CONT cannot be maintained incrementally

CREATE MATERIALIZED VIEW l AS SELECT shard_id, LISTAGG(partition_key, ',') AS keys FROM kds.s GROUP BY shard_id;
-- error: 0A000 aggregate function LISTAGG cannot be maintained incrementally

CREATE MATERIALIZED VIEW sd AS SELECT shard_id, STDDEV(LENGTH(partition_key)) AS sd FROM kds.s GROUP BY shard_id;
-- error: 0A000 aggregate function STDDEV cannot be maintained incrementally

CREATE MATERIALIZED VIEW sd2 AS SELECT STDDEV_SAMP(LENGTH(partition_key)) AS a, STDDEV_POP(LENGTH(partition_key)) AS b FROM kds.s;
-- error: 0A000 aggregate function STDDEV_SAMP cannot be maintained incrementally

CREATE MATERIALIZED VIEW v AS SELECT VARIANCE(LENGTH(partition_key)) AS v FROM kds.s;
-- error: 0A000 aggregate function VARIANCE cannot be maintained incrementally

CREATE MATERIALIZED VIEW b AS SELECT shard_id, BIT_OR(LENGTH(partition_key)) AS b FROM kds.s GROUP BY shard_id;
-- error: 0A000 aggregate function BIT_OR cannot be maintained incrementally

-- Redshift's approximate aggregates
CREATE MATERIALIZED VIEW a AS SELECT APPROXIMATE COUNT(DISTINCT partition_key) AS n FROM kds.s;
-- error: 0A000 materialized view a: aggregate function APPROXIMATE COUNT(DISTINCT …) cannot be maintained incrementally

CREATE MATERIALIZED VIEW a2 AS SELECT APPROXIMATE PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY LENGTH(partition_key)) AS p FROM kds.s;
-- error: 0A000 aggregate function PERCENTILE_DISC cannot be maintained incrementally

-- aggregate modifiers
CREATE MATERIALIZED VIEW f AS SELECT shard_id, COUNT(*) FILTER (WHERE partition_key = 'a') AS n FROM kds.s GROUP BY shard_id;
-- error: 0A000 aggregate FILTER (WHERE …) is not supported

-- window functions
CREATE MATERIALIZED VIEW w AS SELECT partition_key, COUNT(*) OVER (PARTITION BY shard_id) AS n FROM kds.s;
-- error: 0A000 window functions (OVER) cannot be maintained incrementally

CREATE MATERIALIZED VIEW w2 AS SELECT shard_id, RANK() OVER (ORDER BY COUNT(*)) AS r FROM kds.s GROUP BY shard_id;
-- error: 0A000 window functions (OVER)

-- joins, and a second stream
CREATE MATERIALIZED VIEW j AS SELECT partition_key, COUNT(*) AS n FROM kds.s JOIN users ON true GROUP BY partition_key;
-- error: 0A000 joins cannot be maintained incrementally

CREATE MATERIALIZED VIEW j2 AS SELECT a.partition_key, COUNT(*) AS n FROM kds.s AS a JOIN kds.t AS b ON a.partition_key = b.partition_key GROUP BY a.partition_key;
-- error: 0A000 the query reads a second stream (kds.t besides kds.s); a streaming view reads exactly one stream

CREATE MATERIALIZED VIEW j3 AS SELECT COUNT(*) AS n FROM kds.s, kds.t;
-- error: 0A000 the query reads a second stream

-- set operations
CREATE MATERIALIZED VIEW u AS SELECT partition_key, COUNT(*) AS n FROM kds.s GROUP BY partition_key UNION ALL SELECT partition_key, COUNT(*) AS n FROM kds.t GROUP BY partition_key;
-- error: 0A000 set operations (UNION) cannot be maintained incrementally

CREATE MATERIALIZED VIEW e AS SELECT partition_key FROM kds.s EXCEPT SELECT partition_key FROM kds.t;
-- error: 0A000 set operations (EXCEPT)

-- subqueries outside FROM
CREATE MATERIALIZED VIEW sq AS SELECT partition_key, COUNT(*) AS n FROM kds.s WHERE partition_key IN (SELECT 'a') GROUP BY partition_key;
-- error: 0A000 subqueries (in WHERE) are not supported in a streaming view

CREATE MATERIALIZED VIEW sq2 AS SELECT partition_key, COUNT(*) AS n FROM kds.s GROUP BY partition_key HAVING COUNT(*) > (SELECT COUNT(*) FROM users);
-- error: 0A000 subqueries (in HAVING) are not supported

CREATE MATERIALIZED VIEW sq3 AS SELECT (SELECT MAX(id) FROM users) AS top, COUNT(*) AS n FROM kds.s;
-- error: 0A000 subqueries (in the select list) are not supported

CREATE MATERIALIZED VIEW sq4 AS SELECT partition_key, COUNT(*) AS n FROM (SELECT * FROM kds.s) AS x GROUP BY partition_key;
-- error: 0A000 subqueries in FROM are not supported in a streaming view

-- mutable functions
CREATE MATERIALIZED VIEW g1 AS SELECT partition_key, MAX(GETDATE()) AS seen FROM kds.s GROUP BY partition_key;
-- error: 0A000 mutable function GETDATE()

CREATE MATERIALIZED VIEW g2 AS SELECT partition_key, SUM(RANDOM()) AS r FROM kds.s GROUP BY partition_key;
-- error: 0A000 mutable function RANDOM()

CREATE MATERIALIZED VIEW g3 AS SELECT SYSDATE AS now, COUNT(*) AS n FROM kds.s GROUP BY SYSDATE;
-- error: 0A000 mutable function SYSDATE()

CREATE MATERIALIZED VIEW g4 AS SELECT COUNT(*) AS n FROM kds.s GROUP BY CURRENT_DATE;
-- error: 0A000 mutable function CURRENT_DATE()

CREATE MATERIALIZED VIEW g5 AS SELECT COUNT(*) AS n FROM kds.s HAVING MAX(approximate_arrival_timestamp) > CURRENT_TIMESTAMP;
-- error: 0A000 mutable function CURRENT_TIMESTAMP()

-- grouping forms and placements a streaming view cannot maintain
CREATE MATERIALIZED VIEW r AS SELECT partition_key, shard_id, COUNT(*) AS n FROM kds.s GROUP BY ROLLUP (partition_key, shard_id);
-- error: 0A000 GROUPING SETS, ROLLUP and CUBE are not supported

CREATE MATERIALIZED VIEW gs AS SELECT partition_key, COUNT(*) AS n FROM kds.s GROUP BY GROUPING SETS ((partition_key), ());
-- error: 0A000 GROUPING SETS, ROLLUP and CUBE are not supported

CREATE MATERIALIZED VIEW aw AS SELECT partition_key FROM kds.s WHERE COUNT(*) > 1 GROUP BY partition_key;
-- error: 0A000 aggregate function COUNT is not allowed in WHERE; filter groups with HAVING

CREATE MATERIALIZED VIEW ag AS SELECT COUNT(*) AS n FROM kds.s GROUP BY COUNT(*);
-- error: 0A000 aggregate function COUNT is not allowed in GROUP BY

CREATE MATERIALIZED VIEW st AS SELECT *, COUNT(*) AS n FROM kds.s GROUP BY partition_key;
-- error: 0A000 SELECT * cannot be combined with GROUP BY or aggregates

CREATE MATERIALIZED VIEW sd3 AS SELECT DISTINCT partition_key FROM kds.s;
-- error: 0A000 SELECT DISTINCT cannot be maintained incrementally on a stream; use GROUP BY

-- what Calcite's validation refuses for any query, aggregating views included
CREATE MATERIALIZED VIEW ng AS SELECT kinesis_data, COUNT(*) AS n FROM kds.s GROUP BY partition_key;
-- error: 42000 Expression 'kinesis_data' is not being grouped

CREATE MATERIALIZED VIEW dup AS SELECT partition_key, COUNT(*), COUNT(shard_id) FROM kds.s GROUP BY partition_key;
-- error: 42000 column name "count" is given more than once; name every expression with AS name

CREATE MATERIALIZED VIEW ord AS SELECT partition_key, COUNT(*) AS n FROM kds.s GROUP BY 3;
-- error: 42000 GROUP BY position 3 is not in the select list (1 to 2)
