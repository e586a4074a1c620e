package io.streamview.jdbc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.testharness.KinesisEndpoint;
import io.streamview.testharness.KinesisTestStreams;
import io.streamview.testharness.WithKinesis;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The shell shows what a REFRESH read: records committed and shards, against a real Kinesis endpoint. */
@WithKinesis
class ShellRefreshProgressTest {

  @Test
  void refreshPrintsRecordsAndShards(KinesisEndpoint endpoint, KinesisTestStreams streams) {
    String stream = streams.create("shell-progress", 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      records.add(("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    streams.putRecords(stream, records);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Shell.run(new String[] {"jdbc:streamview:mem:" + endpoint.jdbcProperties(),
        "-e", "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default",
        "-e", "CREATE MATERIALIZED VIEW v AS SELECT kinesis_data FROM kds.\"" + stream + "\"",
        "-e", "REFRESH MATERIALIZED VIEW v", "-e", "SELECT count(*) AS n FROM v"},
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String errText = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, errText);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("n\n50\n"), out.toString(StandardCharsets.UTF_8));
    assertTrue(errText.contains("refresh public.v: 50 records in "), errText);
    assertTrue(errText.contains(" from 2 shards (0 closed and done)"), errText);
  }
}
