package io.streamview.jdbc;

import io.streamview.jdbc.shell.Shell;

/**
 * {@code java -jar streamview-jdbc-<version>-all.jar}: the SQL shell ({@link Shell}). Logging goes through SLF4J;
 * the self-contained jar binds slf4j-simple (to standard error), the library binds nothing.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.log.software.amazon.awssdk", "warn");
    setDefault("org.slf4j.simpleLogger.log.net.openhft", "warn"); // Chronicle's start-up banner
    System.exit(Shell.run(args, System.in, System.out, System.err));
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
