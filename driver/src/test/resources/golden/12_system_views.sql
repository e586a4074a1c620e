-- Redshift's system views exist in every database and are named unqualified. This database reads no stream, so they
-- are empty; the integration tests (driver/src/test/java/io/streamview/jdbc/system) fill them.
SELECT * FROM sys_mv_refresh_history;
-- user_id | session_id | transaction_id | database_name | schema_name | mv_id | mv_name | refresh_type | status | start_time | end_time | duration | consumer_account | consumer_region | consumer_namespace

SELECT * FROM svl_mv_refresh_status;
-- db_name | userid | schema_name | mv_name | xid | starttime | endtime | status | refresh_type | consumer_account | consumer_region | consumer_namespace

SELECT * FROM stv_mv_info;
-- db_name | schema | name | updated_upto_xid | is_stale | owner_user_name | state | autorewrite | autorefresh

SELECT * FROM svv_mv_info;
-- database_name | schema_name | user_name | name | is_stale | state | autorewrite | autorefresh

SELECT * FROM stv_mv_deps;
-- db_name | schema | name | ref_schema | ref_name | ref_database_name

SELECT * FROM sys_stream_scan_states;
-- external_schema_name | stream_name | mv_name | transaction_id | query_id | record_time | partition_id | latest_position | scanned_rows | skipped_rows | scanned_bytes | stream_record_time_min | stream_record_time_max

SELECT * FROM sys_stream_scan_errors;
-- external_schema_name | stream_name | mv_name | transaction_id | query_id | stream_timestamp_type | stream_timestamp | record_time | partition_id | position | error_code | error_reason

-- StreamView's own: how far each view's reads are behind each shard's tip
SELECT * FROM sys_stream_lag;
-- schema_name | mv_name | external_schema_name | stream_name | partition_id | committed_sequence_number | shard_ended | millis_behind_latest | at_parity | read_time

-- Unquoted names fold to lower case, as Redshift's upper-case spellings are written; public. qualifies them too
SELECT count(*) AS views FROM STV_MV_INFO;
-- views
-- 0

SELECT count(*) AS refreshes FROM public.SYS_MV_REFRESH_HISTORY WHERE refresh_type = 'Auto' AND status LIKE 'Refresh failed%';
-- refreshes
-- 0

SELECT mv_name, partition_id, millis_behind_latest FROM sys_stream_lag WHERE at_parity = 'f';
-- mv_name | partition_id | millis_behind_latest

-- System views are read-only
DELETE FROM stv_mv_info;
-- error: 0A000 DELETE on system table stv_mv_info is not supported: system tables are read-only

INSERT INTO sys_stream_scan_errors (mv_name) VALUES ('x');
-- error: 0A000 INSERT on system table sys_stream_scan_errors is not supported

-- A table of the same name hides a system view
CREATE TABLE stv_mv_deps (note VARCHAR(10));

INSERT INTO stv_mv_deps VALUES ('mine');
-- count: 1

SELECT * FROM stv_mv_deps;
-- note
-- mine

DROP TABLE stv_mv_deps;

SELECT count(*) AS deps FROM stv_mv_deps;
-- deps
-- 0

-- AUTO REFRESH applies to materialized views only
ALTER MATERIALIZED VIEW nothing_here AUTO REFRESH YES;
-- error: 42P01 relation "nothing_here" does not exist

CREATE TABLE t (id INTEGER);

ALTER MATERIALIZED VIEW t AUTO REFRESH YES;
-- error: 42809 "t" is a table

CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;

-- AUTO REFRESH YES passes the same checks as any streaming view (the stream itself is checked last)
CREATE MATERIALIZED VIEW a AUTO REFRESH YES AS SELECT kinesis_data FROM kds.s JOIN t ON true;
-- error: 0A000 joins cannot be maintained incrementally

CREATE MATERIALIZED VIEW a DISTSTYLE EVEN SORTKEY (1) AUTO REFRESH YES AS SELECT kinesis_data, random() AS x FROM kds.s;
-- error: 0A000 mutable function RANDOM()
