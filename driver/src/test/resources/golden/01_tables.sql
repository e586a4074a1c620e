-- Plain tables: CREATE TABLE with Redshift's types, INSERT, SELECT, UPDATE, DELETE, TRUNCATE, DROP.
CREATE TABLE users (
  id INTEGER NOT NULL,
  name VARCHAR(50),
  score DECIMAL(10,2),
  active BOOLEAN,
  PRIMARY KEY (id)
) DISTSTYLE KEY DISTKEY (id) SORTKEY (id);

INSERT INTO users VALUES (1, 'ann', 10.50, true), (2, 'bob', NULL, false), (3, 'cid', 7.25, true);
-- count: 3

SELECT id, name, score, active FROM users ORDER BY id;
-- id | name | score | active
-- 1 | ann | 10.50 | true
-- 2 | bob | NULL | false
-- 3 | cid | 7.25 | true

UPDATE users SET score = score + 1 WHERE id = 1;
-- count: 1

UPDATE users SET name = 'zed', active = true WHERE score IS NULL;
-- count: 1

SELECT id, name, score, active FROM users ORDER BY id;
-- id | name | score | active
-- 1 | ann | 11.50 | true
-- 2 | zed | NULL | true
-- 3 | cid | 7.25 | true

DELETE FROM users WHERE id = 2;
-- count: 1

SELECT count(*) AS n, sum(score) AS total, min(name) AS first_name FROM users;
-- n | total | first_name
-- 2 | 18.75 | ann

INSERT INTO users (id, name) VALUES (4, 'dee');
-- count: 1

SELECT id, name, score FROM users WHERE score IS NULL;
-- id | name | score
-- 4 | dee | NULL

CREATE TABLE users (id INTEGER);
-- error: 42P07 relation "users" already exists

CREATE TABLE IF NOT EXISTS users (id INTEGER);

INSERT INTO users (id, name) VALUES (NULL, 'x');
-- error: 42000 does not allow NULLs

UPDATE users SET id = NULL WHERE id = 1;
-- error: 23502 violates its NOT NULL constraint

SELECT * FROM missing_table;
-- error: 42P01 relation "missing_table" does not exist

SELECT nope FROM users;
-- error: 42703 Column 'nope' not found

TRUNCATE users;

SELECT count(*) AS n FROM users;
-- n
-- 0

DROP TABLE users;

DROP TABLE users;
-- error: 42P01 relation "users" does not exist

DROP TABLE IF EXISTS users;
