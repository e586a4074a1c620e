-- The same query text run again: its kept plan (queryCacheSize) sees new rows, a replaced view, a dropped object.
CREATE TABLE orders (id INTEGER, customer VARCHAR(20), amount DECIMAL(8,2));

SELECT customer, sum(amount) AS total FROM orders GROUP BY customer ORDER BY customer;
-- customer | total

INSERT INTO orders VALUES (1, 'acme', 10.00), (2, 'zeta', 7.00);
-- count: 2

SELECT customer, sum(amount) AS total FROM orders GROUP BY customer ORDER BY customer;
-- customer | total
-- acme | 10.00
-- zeta | 7.00

CREATE VIEW totals AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer;

CREATE MATERIALIZED VIEW order_count AS SELECT count(*) AS n FROM orders;

SELECT * FROM totals ORDER BY customer;
-- customer | total
-- acme | 10.00
-- zeta | 7.00

SELECT n FROM order_count;
-- n
-- 2

UPDATE orders SET amount = 1.25 WHERE id = 2;
-- count: 1

DELETE FROM orders WHERE id = 1;
-- count: 1

SELECT * FROM totals ORDER BY customer;
-- customer | total
-- zeta | 1.25

SELECT n FROM order_count;
-- n
-- 2

REFRESH MATERIALIZED VIEW order_count;

SELECT n FROM order_count;
-- n
-- 1

CREATE OR REPLACE VIEW totals AS SELECT customer, count(*) AS orders_placed, max(amount) AS biggest FROM orders GROUP BY customer;

SELECT * FROM totals ORDER BY customer;
-- customer | orders_placed | biggest
-- zeta | 1 | 1.25

DROP VIEW totals;

SELECT * FROM totals ORDER BY customer;
-- error: 42P01 relation "totals" does not exist

DROP MATERIALIZED VIEW order_count;

SELECT n FROM order_count;
-- error: 42P01 relation "order_count" does not exist

DROP TABLE orders;

CREATE TABLE orders (id BIGINT, note VARCHAR(5));

INSERT INTO orders VALUES (9, 'new');
-- count: 1

SELECT customer, sum(amount) AS total FROM orders GROUP BY customer ORDER BY customer;
-- error: 42703 Column 'customer' not found

SELECT * FROM orders;
-- id | note
-- 9 | new
