package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What {@code package-info.java} promises: the module imports the engine's source SPI only, never Calcite, JDBC or Chronicle. */
class KinesisImportRulesTest {

  private static final List<String> FORBIDDEN = List.of("org.apache.calcite", "java.sql", "javax.sql", "net.openhft",
      "com.fasterxml.jackson", "org.slf4j.simple", "ch.qos.logback");

  @Test
  void mainSourcesImportOnlyTheSourceSpiOfTheEngine() throws IOException {
    Path main = Path.of("src/main/java/io/streamview/kinesis");
    assertTrue(Files.isDirectory(main), "run from the module directory: " + main.toAbsolutePath());
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.list(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          String trimmed = line.trim();
          if (!trimmed.startsWith("import ")) {
            continue;
          }
          String imported = trimmed.substring("import ".length()).replace("static ", "").replace(";", "").trim();
          boolean forbidden = FORBIDDEN.stream().anyMatch(imported::startsWith)
              || (imported.startsWith("io.streamview.") && !imported.startsWith("io.streamview.engine.source.")
                  && !imported.startsWith("io.streamview.kinesis."));
          if (forbidden) {
            violations.add(file.getFileName() + ": " + imported);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }
}
