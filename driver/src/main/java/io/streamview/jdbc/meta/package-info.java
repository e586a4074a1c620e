/**
 * JDBC metadata for GUIs (DBeaver, DataGrip) and the shell: {@code DatabaseMetaData} answered from the catalog
 * ({@link io.streamview.jdbc.meta.StreamViewMetaData}), as in-memory result sets with the JDBC-specified columns.
 * May import the catalog, the engine's table and system packages, Calcite's type factory and java.sql; not storage.
 */
package io.streamview.jdbc.meta;
