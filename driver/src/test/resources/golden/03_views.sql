-- Views over tables: CREATE [OR REPLACE] VIEW, column lists, dependencies, wrong DROP.
CREATE TABLE orders (id INTEGER, customer VARCHAR(20), amount DECIMAL(8,2));

INSERT INTO orders VALUES (1, 'acme', 10.00), (2, 'acme', 5.50), (3, 'zeta', 7.00);
-- count: 3

CREATE VIEW totals AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer;

SELECT customer, total FROM totals ORDER BY customer;
-- customer | total
-- acme | 15.50
-- zeta | 7.00

CREATE VIEW big (who, how_much) AS SELECT customer, total FROM totals WHERE total > 10;

SELECT * FROM big;
-- who | how_much
-- acme | 15.50

CREATE OR REPLACE VIEW totals AS SELECT customer, count(*) AS total FROM orders GROUP BY customer;

SELECT customer, total FROM totals ORDER BY customer;
-- customer | total
-- acme | 2
-- zeta | 1

CREATE VIEW totals AS SELECT 1 AS one_;
-- error: 42P07 relation "totals" already exists

DROP MATERIALIZED VIEW totals;
-- error: 42809 "totals" is a view; use DROP VIEW

DROP TABLE orders;
-- error: 2BP01 cannot drop orders because other objects depend on it

DROP VIEW big;

DROP TABLE orders CASCADE;

SELECT * FROM totals;
-- error: 42P01 relation "totals" does not exist
