/**
 * The stream-source SPI: what the refresh executor asks of a stream (Kinesis today) and what it gets back.
 * May import only the JDK; implementations live in their own modules and are found through {@link java.util.ServiceLoader}.
 */
package io.streamview.engine.source;
