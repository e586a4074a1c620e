/**
 * What a StreamView Calcite connection keeps between executions: its properties with a change version and the
 * connection configuration read from them once per version. May import Calcite's and Avatica's configuration
 * classes only; not the driver's other packages, the engine or JDBC.
 */
package io.streamview.jdbc.connection;
