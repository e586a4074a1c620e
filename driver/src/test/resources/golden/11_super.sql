-- SUPER navigation (PartiQL paths), casts, comparisons and type functions.
CREATE TABLE events (id INT, payload SUPER);

INSERT INTO events VALUES
  (1, json_parse('{"event":"click","customer":{"id":7,"Name":"Ann"},"items":[{"sku":"a1","qty":2},{"sku":"b2","qty":1}],"price":"12.50","n":6,"CamelCase":"cc","ok":true,"gone":null}')),
  (2, json_parse('{"event":"view","customer":{"id":"8"},"items":[],"price":3.25,"n":3.5,"ok":false}')),
  (3, json_parse('[1,2,3]'));
-- count: 3

-- Dot and bracket navigation; a path that leads nowhere is NULL; results are SUPER (JSON text).
SELECT id, payload.customer.id, events.payload.items[0].sku, payload.items[1], payload."CamelCase", payload.nope
FROM events ORDER BY 1;
-- id | id | sku | items | CamelCase | nope
-- 1 | 7 | "a1" | {"sku":"b2","qty":1} | "cc" | NULL
-- 2 | "8" | NULL | NULL | NULL | NULL
-- 3 | NULL | NULL | NULL | NULL | NULL

SELECT e.payload[2], e.payload[3], e.payload.customer FROM events AS e WHERE e.id = 3;
-- payload | payload | customer
-- 3 | NULL | NULL

-- Reserved words after a dot need no quotes (after a subscript they do: items[0]."value").
CREATE TABLE readings (doc SUPER);

INSERT INTO readings VALUES (json_parse('{"value":1.5,"timestamp":"2024-01-02 03:04:05","user":{"count":3}}'));
-- count: 1

SELECT doc.value, doc.timestamp::timestamp AS ts, doc.user.count FROM readings WHERE doc.timestamp > TIMESTAMP '2024-01-01 00:00:00';
-- value | ts | count
-- 1.5 | 2024-01-02 03:04:05.0 | 3

-- Attribute names are case-insensitive unless enable_case_sensitive_super_attribute is on.
SELECT payload.customer.name, payload.camelcase FROM events WHERE id = 1;
-- name | camelcase
-- "Ann" | "cc"

SET enable_case_sensitive_super_attribute TO true;

SELECT payload.customer.name, payload.customer."Name", payload.camelcase FROM events WHERE id = 1;
-- name | Name | camelcase
-- NULL | "Ann" | NULL

SET enable_case_sensitive_super_attribute TO false;

-- Casts read the value's dynamic type: strings lose their quotes, "12.50" is a number to ::decimal,
-- objects, arrays and JSON null become NULL.
SELECT id, payload.price::decimal(10,2) AS price, payload.price::float AS f, payload.n::int AS n,
  payload.customer.id::bigint AS cid, payload.event::varchar AS event, payload.ok::boolean AS ok,
  payload.customer::varchar AS obj, payload.gone::int AS gone
FROM events WHERE id < 3 ORDER BY id;
-- id | price | f | n | cid | event | ok | obj | gone
-- 1 | 12.50 | 12.5 | 6 | 7 | click | true | NULL | NULL
-- 2 | 3.25 | 3.25 | 4 | 8 | view | false | NULL | NULL

SELECT payload.price::decimal(3,2) AS too_big, payload.price::decimal(4,1) AS rounded FROM events WHERE id = 1;
-- too_big | rounded
-- NULL | 12.5

-- Comparisons with literals compare like with like (a SUPER string with text, a number with a number).
SELECT id FROM events WHERE payload.event = 'click';
-- id
-- 1

SELECT id FROM events WHERE payload.n > 5 OR payload.items[0].qty >= 2;
-- id
-- 1

SELECT id FROM events WHERE payload.customer.id = 8;
-- id

SELECT id FROM events WHERE payload.customer.id::int = 8;
-- id
-- 2

SELECT id FROM events WHERE payload.event IN ('view', 'other') AND payload.n BETWEEN 3 AND 4;
-- id
-- 2

SELECT id FROM events WHERE payload.event LIKE 'cl%';
-- id
-- 1

-- Type information functions.
SELECT id, json_typeof(payload) AS t, json_typeof(payload.n) AS n, json_typeof(payload.gone) AS g,
  is_object(payload) AS o, is_array(payload) AS a, get_array_length(payload.items) AS len
FROM events ORDER BY id;
-- id | t | n | g | o | a | len
-- 1 | object | number | null | true | false | 2
-- 2 | object | number | NULL | true | false | 0
-- 3 | array | NULL | NULL | false | true | NULL

SELECT is_varchar(payload.event) AS v, is_integer(payload.n) AS i, is_bigint(payload.customer.id) AS b,
  is_decimal(payload.n) AS d, is_float(payload.n) AS f, is_boolean(payload.ok) AS bo, is_scalar(payload.items) AS s
FROM events WHERE id = 1;
-- v | i | b | d | f | bo | s
-- true | true | true | true | false | true | false

SELECT is_decimal(json_parse('1.5')) AS d, is_float(json_parse('1.5')) AS f, is_float(json_parse('1.5e0')) AS e,
  is_integer(json_parse('3000000000')) AS i, is_bigint(json_parse('3000000000')) AS b;
-- d | f | e | i | b
-- true | false | true | false | true

SELECT is_smallint(json_parse('32767')) AS s, is_smallint(json_parse('32768')) AS t, json_size(json_parse('{"a": 1}')) AS z;
-- s | t | z
-- true | false | 7

-- Navigation in GROUP BY, ORDER BY and aggregates, and on an expression.
SELECT payload.event::varchar AS event, count(*) AS c FROM events WHERE is_object(payload) GROUP BY 1 ORDER BY 1;
-- event | c
-- click | 1
-- view | 1

SELECT json_parse('{"a":{"b":["x","y"]}}').a.b[1] AS y;
-- y
-- "y"

-- Views and tables built from navigation keep SUPER where the path is not cast.
CREATE VIEW clicks AS SELECT id, payload.customer.id AS customer, payload.items[0].sku FROM events
WHERE payload.event = 'click';

SELECT * FROM clicks;
-- id | customer | sku
-- 1 | 7 | "a1"

CREATE TABLE customers AS SELECT id, payload.customer AS customer FROM events WHERE id < 3;

SELECT id, customer.id AS cid, json_typeof(customer) AS t FROM customers ORDER BY id;
-- id | cid | t
-- 1 | 7 | object
-- 2 | "8" | object

-- Navigating a column that is not SUPER is an unknown column.
SELECT events.id.x FROM events;
-- error: 42703

SET enable_case_sensitive_super_attribute TO sometimes;
-- error: 22023 requires a Boolean value

-- Numbers with extreme exponents cast to NULL (lax mode) or round to zero, at once: they are never expanded to
-- their digits (1e999999999 as a decimal would take gigabytes), and exponents beyond BigDecimal's are NULL.
SELECT json_parse('1e999999999')::int AS i, json_parse('1e999999999')::bigint AS b,
  json_parse('1e999999999')::decimal(10,2) AS d, json_parse('1e-999999999')::int AS z,
  json_parse('1e-999999999')::decimal(10,2) AS zd, json_parse('1e12345678901')::int AS far,
  json_parse('"1e12345678901"')::bigint AS sfar, json_parse('-0.4')::int AS nz;
-- i | b | d | z | zd | far | sfar | nz
-- NULL | NULL | NULL | 0 | 0.00 | NULL | NULL | 0
