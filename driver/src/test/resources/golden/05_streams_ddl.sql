-- External schemas and the checks a materialized view's definition passes before any stream is read.
CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;

CREATE EXTERNAL SCHEMA IF NOT EXISTS kds FROM KINESIS IAM_ROLE default;

CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;
-- error: 42P06 schema "kds" already exists

CREATE EXTERNAL SCHEMA other FROM KINESIS REGION 'us-west-2' IAM_ROLE 'arn:aws:iam::123456789012:role/a,arn:aws:iam::123456789012:role/b';

CREATE EXTERNAL SCHEMA bad_role FROM KINESIS IAM_ROLE 'not-an-arn';
-- error: 22023 is not a role ARN

CREATE EXTERNAL SCHEMA msk FROM MSK IAM_ROLE default AUTHENTICATION none CLUSTER_ARN 'arn:aws:kafka:us-east-1:1:cluster/x';
-- error: 0A000 FROM MSK is not supported

CREATE TABLE users (id INTEGER);

CREATE MATERIALIZED VIEW j AS SELECT kinesis_data FROM kds.s JOIN users ON true;
-- error: 0A000 joins cannot be maintained incrementally

CREATE MATERIALIZED VIEW o AS SELECT kinesis_data FROM kds.s ORDER BY 1;
-- error: 0A000 ORDER BY, LIMIT and OFFSET are not allowed

CREATE MATERIALIZED VIEW r AS SELECT kinesis_data, random() AS x FROM kds.s;
-- error: 0A000 mutable function RANDOM()

-- a materialized view over tables (no stream) is a nested view, recomputed on refresh: 13_nested_views.sql
CREATE MATERIALIZED VIEW u AS SELECT id FROM users;

DROP MATERIALIZED VIEW u;

-- a stream read anywhere but in FROM
CREATE MATERIALIZED VIEW sq AS SELECT id FROM users WHERE id IN (SELECT CAST(sequence_number AS INTEGER) FROM kds.s);
-- error: 0A000 materialized view sq: a streaming view reads one stream of an external schema in FROM

CREATE MATERIALIZED VIEW a AUTO REFRESH YES AS SELECT kinesis_data, random() AS x FROM kds.s;
-- error: 0A000 mutable function RANDOM()

CREATE MATERIALIZED VIEW c AS SELECT no_such_column FROM kds.s;
-- error: 42703 Column 'no_such_column' not found

SELECT * FROM kds.s;
-- error: 0A000 can be read only by a materialized view

REFRESH MATERIALIZED VIEW users;
-- error: 42809 "users" is a table

REFRESH MATERIALIZED VIEW nothing_here;
-- error: 42P01 relation "nothing_here" does not exist

DROP SCHEMA public;
-- error: 0A000 schema public cannot be dropped

DROP SCHEMA other;

DROP SCHEMA other;
-- error: 3F000 schema "other" does not exist

DROP SCHEMA IF EXISTS other;

SET enable_case_sensitive_identifier TO true;

SET no_such_setting = 1;
-- error: 42P01 unrecognized configuration parameter
