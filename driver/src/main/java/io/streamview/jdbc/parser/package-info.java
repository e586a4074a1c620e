/**
 * StreamView's Redshift SQL dialect: DDL nodes, type-name mapping and helpers for the generated parser
 * {@code io.streamview.jdbc.parser.impl.StreamViewParserImpl}. May import Calcite's SQL parser API only,
 * never StreamView's engine, storage or JDBC classes.
 */
package io.streamview.jdbc.parser;
