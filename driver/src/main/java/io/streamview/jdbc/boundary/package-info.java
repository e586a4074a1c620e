/**
 * The JDBC boundary: proxies around Calcite's JDBC objects that keep schemas in step with the catalog, defer DDL
 * given to {@code prepareStatement} until it is executed, and convert every exception through the error catalogue.
 * May import the driver's error package and java.sql; not the engine's storage.
 */
package io.streamview.jdbc.boundary;
