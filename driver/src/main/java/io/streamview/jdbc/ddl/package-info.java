/**
 * Execution of Redshift DDL (external schemas, tables, views, materialized views, refresh, drop, truncate) against
 * the catalog and the engine, called by Calcite for every DDL statement. May import Calcite, the engine, the
 * catalog and the driver's parser, pipeline and error packages; not the JDBC boundary.
 */
package io.streamview.jdbc.ddl;
