/**
 * The SQL shell of the self-contained jar ({@code java -jar streamview-jdbc-<version>-all.jar [URL]}): an interactive
 * JLine session, {@code -e}/{@code -f} scripts, {@code \d} commands, aligned result tables, the {@code demo}
 * subcommand. Talks to the database through JDBC only (DriverManager, DatabaseMetaData, system views); may import
 * JLine and java.sql, not the engine or the catalog.
 */
package io.streamview.jdbc.shell;
