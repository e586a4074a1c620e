package io.streamview.engine.database;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.catalog.ShardPositionDef;
import io.streamview.engine.source.SourceConfig;
import io.streamview.engine.storage.CommitJournal;
import io.streamview.engine.storage.RowCodec;
import io.streamview.engine.storage.RowKeys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batch commits of a file database: rows and positions together, the journal empty after each commit; a commit
 * decided in the journal but not applied (the process died) is applied when the database opens; a torn one is
 * dropped, leaving rows and positions as they were. The journal record is written here by hand in the layout
 * docs/storage-format.md gives, as a crash between step 1 and step 2 would leave it.
 */
class BatchCommitsTest {

  private static final DatabaseOptions OPTIONS = new DatabaseOptions(new SourceConfig(Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), List.of()), 1);
  private static final String VIEW = "public.v";
  private static final String STORE = "mv_v";

  @TempDir
  Path dir;

  private Database open() {
    return Database.open(new DatabaseLocation.Directory(dir.resolve("db")), OPTIONS);
  }

  @Test
  void aCommitStoresRowsAndPositionsAndLeavesTheJournalEmpty() {
    try (Database db = open()) {
      db.commits().commit(STORE, VIEW, rows(1, 2), List.of(new ShardPositionDef("shard-1", "20", false)));
      assertEquals(2, db.storage().open(STORE).size());
      assertEquals("20", db.positions().load(VIEW).get("shard-1").afterSequenceNumber());
      assertTrue(db.storage().journal(STORE).isEmpty());
      db.commits().commit(STORE, VIEW, List.of(), List.of(new ShardPositionDef("shard-1", "30", true)));
      assertTrue(db.positions().load(VIEW).get("shard-1").ended(), "a commit without rows moves the position");
    }
    assertEquals(CommitJournal.State.EMPTY, CommitJournal.state(journalFile()));
  }

  @Test
  void aDecidedCommitLeftInTheJournalIsAppliedAtOpen() {
    try (Database db = open()) {
      db.commits().commit(STORE, VIEW, rows(1), List.of(new ShardPositionDef("shard-1", "10", false)));
      db.storage().journal(STORE).write(meta("shard-1", "30"), rows(2, 3)); // died after step 1
    }
    assertEquals(CommitJournal.State.COMPLETE, CommitJournal.state(journalFile()));
    try (Database db = open()) {
      assertEquals(3, db.storage().open(STORE).size());
      assertArrayEquals(new Object[] {"row 3", 3L}, db.storage().open(STORE).get(RowKeys.ofLong(3)));
      assertEquals("30", db.positions().load(VIEW).get("shard-1").afterSequenceNumber());
      assertTrue(db.storage().journal(STORE).isEmpty());
    }
  }

  @Test
  void aTornCommitIsDroppedAtOpen() throws Exception {
    try (Database db = open()) {
      db.commits().commit(STORE, VIEW, rows(1), List.of(new ShardPositionDef("shard-1", "10", false)));
      db.storage().journal(STORE).write(meta("shard-1", "30"), rows(2, 3));
    }
    try (RandomAccessFile raf = new RandomAccessFile(journalFile().toFile(), "rw")) {
      raf.setLength(raf.length() - 3); // died during step 1
    }
    try (Database db = open()) {
      assertEquals(1, db.storage().open(STORE).size());
      assertNull(db.storage().open(STORE).get(RowKeys.ofLong(2)));
      assertEquals("10", db.positions().load(VIEW).get("shard-1").afterSequenceNumber());
    }
    assertEquals(0, Files.size(journalFile()));
  }

  private Path journalFile() {
    return dir.resolve("db").resolve("data").resolve(STORE + CommitJournal.SUFFIX);
  }

  /** The meta block as docs/storage-format.md describes it. */
  private static byte[] meta(String shard, String after) {
    return RowCodec.encode(new Object[] {1, VIEW, 1, shard, after, false});
  }

  private static List<Map.Entry<byte[], byte[]>> rows(long... ids) {
    return java.util.Arrays.stream(ids).mapToObj(i -> Map.entry(RowKeys.ofLong(i),
        RowCodec.encode(new Object[] {"row " + i, i}))).toList();
  }
}
