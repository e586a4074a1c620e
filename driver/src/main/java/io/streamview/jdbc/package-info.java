/**
 * The JDBC driver: {@code jdbc:streamview:} URLs, connection properties, and the connections Calcite and Avatica
 * provide, wired to an engine database. May import everything below it; nothing imports it.
 */
package io.streamview.jdbc;
