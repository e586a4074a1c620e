-- DECOMPRESS (beyond Redshift): gzip, zlib and zstd bytes back to text; NULL when undecodable.
SELECT from_varbyte(decompress(to_varbyte('1f8b0800000000000203ab564a54b232ac0500afac1b5607000000', 'hex'), 'gzip'), 'utf-8') AS g,
  from_varbyte(decompress(to_varbyte('789c4b4c4a0600024d0127', 'hex'), 'zlib'), 'utf-8') AS z,
  from_varbyte(decompress(to_varbyte('28b52ffd04581100007a7a00581b51', 'hex'), 'zstd'), 'utf-8') AS s;
-- g | z | s
-- {"a":1} | abc | zz

SELECT decompress(to_varbyte('not compressed', 'utf8'), 'gzip') AS bad,
  json_parse(decompress(to_varbyte('1f8b0800000000000203ab564a54b232ac0500afac1b5607000000', 'hex'), 'GZIP')) AS j;
-- bad | j
-- NULL | {"a":1}

SELECT decompress(to_varbyte('00', 'hex'), 'lz4') AS x;
-- error: 22023 unknown compression format 'lz4' for DECOMPRESS: use 'gzip', 'zlib' or 'zstd'
