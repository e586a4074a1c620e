/**
 * Redshift's scalar functions for stream payloads (VARBYTE conversion, JSON parsing and extraction), as Calcite
 * schema functions. May import Calcite's function API and Jackson; not the engine's storage or JDBC.
 */
package io.streamview.jdbc.function;
