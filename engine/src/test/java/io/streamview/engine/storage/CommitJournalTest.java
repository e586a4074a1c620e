package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit journal's record: complete, torn (cut short or damaged), cleared; the file is 0600. */
class CommitJournalTest {

    @TempDir
    Path dir;

    private static final List<Map.Entry<byte[], byte[]>> ROWS = List.of(
            Map.entry(RowKeys.ofLong(1), RowCodec.encode(new Object[] {"one", 1L})),
            Map.entry(RowKeys.ofLong(2), RowCodec.encode(new Object[] {null, new byte[300]})));

    @Test
    void aWrittenRecordReadsBackAndClears() throws Exception {
        Path file = dir.resolve("s.journal");
        assertEquals(CommitJournal.State.EMPTY, CommitJournal.state(file));
        try (CommitJournal journal = CommitJournal.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(journal.isEmpty());
            journal.write(new byte[] {9, 8}, ROWS);
            assertEquals(CommitJournal.State.COMPLETE, CommitJournal.state(file));
            CommitJournal.Entry entry = journal.read().orElseThrow();
            assertArrayEquals(new byte[] {9, 8}, entry.meta());
            assertEquals(2, entry.rows().size());
            assertArrayEquals(ROWS.get(1).getKey(), entry.rows().get(1).getKey());
            assertArrayEquals(ROWS.get(1).getValue(), entry.rows().get(1).getValue());
            journal.clear();
            assertEquals(0, Files.size(file));
            assertTrue(journal.read().isEmpty());
            journal.write(new byte[0], ROWS.subList(0, 1));
            assertEquals(1, journal.read().orElseThrow().rows().size(), "a second commit replaces the first");
        }
        try (CommitJournal reopened = CommitJournal.open(file)) {
            assertTrue(!reopened.isEmpty());
            assertEquals(1, reopened.read().orElseThrow().rows().size());
        }
    }

    @Test
    void aRecordCutShortOrDamagedIsTorn() throws Exception {
        Path file = dir.resolve("t.journal");
        try (CommitJournal journal = CommitJournal.open(file)) {
            journal.write(new byte[] {1}, ROWS);
        }
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 1); // the process died during the write
        }
        assertEquals(CommitJournal.State.TORN, CommitJournal.state(file));
        try (CommitJournal journal = CommitJournal.open(file)) {
            assertTrue(journal.read().isEmpty());
            journal.write(new byte[] {1}, ROWS);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(size - 5);
            raf.write(0x55); // a payload byte that is not what was checksummed
        }
        assertEquals(CommitJournal.State.TORN, CommitJournal.state(file));
    }
}
