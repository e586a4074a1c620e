/**
 * Redshift's scalar functions for stream payloads (VARBYTE conversion, decompression, JSON parsing and extraction) and for SUPER
 * values (type information, and the internal {@code sv_} functions that navigation, casts and comparisons of SUPER
 * values are rewritten to; see {@code io.streamview.jdbc.superpath}), as Calcite schema functions. SUPER values are
 * compact JSON text. May import Calcite's function API, Jackson and zstd-jni; not the engine's storage or JDBC.
 */
package io.streamview.jdbc.function;
