/**
 * The error catalogue (code → SQLState → message template) and the one place where exceptions from anywhere inside
 * become {@link java.sql.SQLException}s. Everything inside throws unchecked exceptions; only the JDBC boundary
 * calls {@link io.streamview.jdbc.error.SqlExceptionMapper}.
 */
package io.streamview.jdbc.error;
