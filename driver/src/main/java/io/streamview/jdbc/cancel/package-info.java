/**
 * How a running statement is asked to stop: the JDBC boundary gives each execution a
 * {@link io.streamview.jdbc.cancel.StatementCancellation}, which {@code Statement.cancel()} and the query timeout set,
 * and long work (REFRESH) polls between batches. Imports nothing of the driver.
 */
package io.streamview.jdbc.cancel;
