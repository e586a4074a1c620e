-- Materialized views over tables, views and other materialized views (Redshift's nested views): populated at
-- CREATE, recomputed from scratch by REFRESH, with their dependencies in STV_MV_DEPS. Over streaming views:
-- NestedMaterializedViewTest.
CREATE TABLE users (id INTEGER, name VARCHAR(20));

CREATE TABLE orders (id INTEGER, user_id INTEGER, amount DECIMAL(10, 2));

INSERT INTO users VALUES (1, 'ann'), (2, 'bob');
-- count: 2

INSERT INTO orders VALUES (10, 1, 5.50), (11, 1, 4.50), (12, 2, 1.25);
-- count: 3

CREATE MATERIALIZED VIEW spend AS SELECT u.name, COUNT(*) AS orders, SUM(o.amount) AS total FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.name;

SELECT * FROM spend ORDER BY name;
-- name | orders | total
-- ann | 2 | 10.00
-- bob | 1 | 1.25

-- a materialized view keeps its rows until it is refreshed
INSERT INTO orders VALUES (13, 2, 2.00);
-- count: 1

SELECT total FROM spend WHERE name = 'bob';
-- total
-- 1.25

REFRESH MATERIALIZED VIEW spend;

SELECT total FROM spend WHERE name = 'bob';
-- total
-- 3.25

SELECT status FROM sys_mv_refresh_history WHERE mv_name = 'spend';
-- status
-- Refresh successfully recomputed MV from scratch

-- a view over a materialized view, and a materialized view over both
CREATE VIEW big_spenders AS SELECT name FROM spend WHERE total > 5;

CREATE MATERIALIZED VIEW big AS SELECT s.name, s.total FROM spend s JOIN big_spenders b ON b.name = s.name;

SELECT * FROM big;
-- name | total
-- ann | 10.00

SELECT schema, name, ref_schema, ref_name FROM stv_mv_deps;
-- schema | name | ref_schema | ref_name
-- public | big | public | spend

-- CASCADE refreshes what the view reads first
INSERT INTO orders VALUES (14, 2, 7.00);
-- count: 1

REFRESH MATERIALIZED VIEW big;

SELECT name FROM big ORDER BY name;
-- name
-- ann

REFRESH MATERIALIZED VIEW big CASCADE;

SELECT name, total FROM big ORDER BY name;
-- name | total
-- ann | 10.00
-- bob | 10.25

-- AUTO REFRESH is refused on a view defined on another materialized view, with Redshift's text
CREATE MATERIALIZED VIEW auto_big AUTO REFRESH YES AS SELECT name FROM spend;
-- error: 0A000 Auto-refresh is not supported for materialized views defined on other materialized views.

ALTER MATERIALIZED VIEW big AUTO REFRESH YES;
-- error: 0A000 Auto-refresh is not supported for materialized views defined on other materialized views.

-- a materialized view holds rows of its own: no INSERT, UPDATE or DELETE
DELETE FROM big;
-- error: 0A000

-- what a view reads cannot be dropped while the view exists, unless CASCADE drops the view too
DROP TABLE orders;
-- error: 2BP01 cannot drop orders because other objects depend on it (views [public.big_spenders], materialized views [public.spend, public.big])

DROP MATERIALIZED VIEW spend;
-- error: 2BP01 cannot drop spend because other objects depend on it

DROP MATERIALIZED VIEW spend CASCADE;

SELECT count(*) AS left_over FROM stv_mv_info;
-- left_over
-- 0

SELECT * FROM big_spenders;
-- error: 42P01

DROP TABLE orders;
