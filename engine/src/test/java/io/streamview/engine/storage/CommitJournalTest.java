package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.Random;
import java.util.zip.CRC32C;
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

    /**
     * A record far larger than the journal's write buffer (rows of sizes that straddle its boundaries) is exactly
     * the documented layout ("SVJ1", payload length, CRC-32C, payload), built here independently; a second, smaller
     * commit leaves exactly its own record.
     */
    @Test
    void aRecordLargerThanTheWriteBufferIsTheDocumentedBytes() throws Exception {
        Random random = new Random(42);
        List<Map.Entry<byte[], byte[]>> rows = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            byte[] key = new byte[1 + random.nextInt(60)];
            byte[] value = new byte[random.nextInt(i % 50 == 0 ? 70_000 : 900)];
            random.nextBytes(key);
            random.nextBytes(value);
            rows.add(Map.entry(key, value));
        }
        byte[] meta = new byte[333];
        random.nextBytes(meta);
        Path file = dir.resolve("big.journal");
        try (CommitJournal journal = CommitJournal.open(file)) {
            journal.write(meta, rows);
            assertArrayEquals(documentedRecord(meta, rows), Files.readAllBytes(file));
            CommitJournal.Entry entry = journal.read().orElseThrow();
            assertArrayEquals(meta, entry.meta());
            assertEquals(rows.size(), entry.rows().size());
            for (int i = 0; i < rows.size(); i++) {
                assertArrayEquals(rows.get(i).getKey(), entry.rows().get(i).getKey());
                assertArrayEquals(rows.get(i).getValue(), entry.rows().get(i).getValue());
            }
            journal.write(new byte[] {7}, ROWS);
            assertArrayEquals(documentedRecord(new byte[] {7}, ROWS), Files.readAllBytes(file));
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(new byte[12]); // the payload written, the header (written last) not yet
        }
        assertEquals(CommitJournal.State.TORN, CommitJournal.state(file));
    }

    private static byte[] documentedRecord(byte[] meta, List<Map.Entry<byte[], byte[]>> rows) throws Exception {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(payload);
        p.writeInt(meta.length);
        p.write(meta);
        p.writeInt(rows.size());
        for (Map.Entry<byte[], byte[]> r : rows) {
            p.writeInt(r.getKey().length);
            p.write(r.getKey());
            p.writeInt(r.getValue().length);
            p.write(r.getValue());
        }
        byte[] bytes = payload.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(record);
        out.writeInt(0x53564A31);
        out.writeInt(bytes.length);
        out.writeInt((int) crc.getValue());
        out.write(bytes);
        return record.toByteArray();
    }
}
