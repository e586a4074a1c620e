-- Redshift's VARBYTE and JSON functions, without a stream.
SELECT from_varbyte(to_varbyte('abc', 'utf8'), 'hex') AS h, from_varbyte(to_varbyte('616263', 'hex'), 'utf-8') AS u,
  from_varbyte(to_varbyte('abc', 'utf_8'), 'base64') AS b64, from_varbyte(to_varbyte('A', 'utf8'), 'binary') AS bits;
-- h | u | b64 | bits
-- 616263 | abc | YWJj | 01000001

SELECT is_utf8(to_varbyte('c328', 'hex')) AS bad, is_utf8(to_varbyte('c3a9', 'hex')) AS good;
-- bad | good
-- false | true

SELECT from_varbyte(to_varbyte('c328', 'hex'), 'utf-8') AS undecodable;
-- undecodable
-- NULL

SELECT is_valid_json('{"a":1}') AS obj, is_valid_json('[1]') AS arr, is_valid_json('{') AS broken,
  is_valid_json_array('[1]') AS arr2, can_json_parse('42') AS scalar, can_json_parse('{') AS nope;
-- obj | arr | broken | arr2 | scalar | nope
-- true | false | false | true | true | false

SELECT json_extract_path_text('{"a":{"b":"x","c":[1,2]}}', 'a', 'b') AS b,
  json_extract_path_text('{"a":{"b":"x","c":[1,2]}}', 'a', 'c') AS c,
  json_extract_path_text('{"a":1}', 'missing') AS m,
  json_extract_array_element_text('[10,"y",{"z":1}]', 2) AS e;
-- b | c | m | e
-- x | [1,2] | NULL | {"z":1}

SELECT json_extract_path_text('not json', 'a', true) AS tolerant;
-- tolerant
-- NULL

SELECT json_extract_path_text('not json', 'a') AS strict;
-- error: 22023 invalid JSON input

SELECT json_serialize(json_parse('{ "k" : [ true , null ] }')) AS s, json_parse('oops') AS p;
-- s | p
-- {"k":[true,null]} | NULL

SELECT from_varbyte(to_varbyte('abc', 'utf8'), 'latin9') AS x;
-- error: 22023 unknown VARBYTE format 'latin9'

SELECT json_parse(to_varbyte('{"x":1}', 'utf8')) AS from_bytes, can_json_parse(to_varbyte('c328', 'hex')) AS bad;
-- from_bytes | bad
-- {"x":1} | false
