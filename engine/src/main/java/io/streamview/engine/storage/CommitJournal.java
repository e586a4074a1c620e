package io.streamview.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The redo record of one store's commit in flight: {@code <dataDir>/<store>.journal} (0600). A commit writes its
 * whole effect here first (the rows, encoded, and an opaque {@code meta} block its caller uses for the shard
 * positions), then applies it to the store and the positions, then {@linkplain #clear() clears} the journal. The
 * record is complete exactly when its length and CRC-32C check; a record cut short by a crash is ignored, as it
 * was never applied. So at open, a complete record means "committed, maybe not applied": apply it again (every
 * write in it is an absolute value, so applying twice is the same as once). Layout (big-endian):
 * <pre>
 * "SVJ1" | payload length u32 | CRC-32C of payload u32 | payload
 * payload := meta length u32 | meta | row count u32 | (key length u32 | key | value length u32 | value)*
 * </pre>
 * Writes are not forced to the device: the record survives a crash of the process (the page cache holds it), which
 * is what the scheme needs, since the store itself is a memory-mapped file with the same guarantee. Not
 * thread-safe: callers serialise the commits of a store.
 */
public final class CommitJournal implements AutoCloseable {

    /** File name suffix of a store's journal. */
    public static final String SUFFIX = ".journal";

    private static final int MAGIC = 0x53564A31; // "SVJ1"
    private static final int HEADER = 12;

    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private boolean empty;
    private ByteBuffer writeBuffer;

    private CommitJournal(Path file, FileChannel channel, boolean empty) {
        this.file = file;
        this.channel = channel;
        this.empty = empty;
    }

    /** Opens (creating, 0600) the journal file. */
    static CommitJournal open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PrivateFiles.fileAttributes(file));
            PrivateFiles.makePrivate(file);
            return new CommitJournal(file, channel, channel.size() == 0);
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot open the commit journal " + file + ": " + e, e);
        }
    }

    /** One committed record: the caller's meta block and the encoded rows. */
    public record Entry(byte[] meta, List<Map.Entry<byte[], byte[]>> rows) {
    }

    public Path file() {
        return file;
    }

    /**
     * Writes {@code meta} and {@code rows} as the journal's one record; once this returns, the commit is decided.
     * The payload is streamed through one small reused buffer (a batch's record is megabytes: a heap copy of it per
     * commit was the refresh's largest allocation), computing its CRC on the way, and the 12-byte header goes last:
     * until it is written the file starts with zeros (or an earlier record's header was truncated away), so a
     * record cut short at any point reads as torn. The bytes are the same as writing it in one piece.
     */
    public void write(byte[] meta, List<Map.Entry<byte[], byte[]>> rows) {
        long size = 8L + meta.length;
        for (Map.Entry<byte[], byte[]> r : rows) {
            size += 8L + r.getKey().length + r.getValue().length;
        }
        if (size > Integer.MAX_VALUE - HEADER) {
            throw new StorageException(StorageException.Code.IO, "A commit of " + rows.size() + " rows (" + size
                    + " bytes) is too large for one journal record of " + file + "; commit smaller batches");
        }
        try {
            if (!empty) {
                channel.truncate(0);
            }
            empty = false;
            CRC32C crc = new CRC32C();
            ByteBuffer out = buffer();
            out.clear();
            long at = HEADER;
            at = putInt(out, meta.length, crc, at);
            at = put(out, meta, crc, at);
            at = putInt(out, rows.size(), crc, at);
            for (Map.Entry<byte[], byte[]> r : rows) {
                at = putInt(out, r.getKey().length, crc, at);
                at = put(out, r.getKey(), crc, at);
                at = putInt(out, r.getValue().length, crc, at);
                at = put(out, r.getValue(), crc, at);
            }
            drain(out, crc, at);
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            header.putInt(MAGIC).putInt((int) size).putInt((int) crc.getValue()).flip();
            writeFully(header, 0);
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot write the commit journal " + file + ": " + e, e);
        }
    }

    /** The write buffer, allocated on the first write and kept while the journal is open (64 KiB, off-heap). */
    private ByteBuffer buffer() {
        if (writeBuffer == null) {
            writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
        }
        return writeBuffer;
    }

    private long putInt(ByteBuffer out, int value, CRC32C crc, long at) throws IOException {
        if (out.remaining() < 4) {
            at = drain(out, crc, at);
        }
        out.putInt(value);
        return at;
    }

    private long put(ByteBuffer out, byte[] bytes, CRC32C crc, long at) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            if (!out.hasRemaining()) {
                at = drain(out, crc, at);
            }
            int n = Math.min(out.remaining(), bytes.length - done);
            out.put(bytes, done, n);
            done += n;
        }
        return at;
    }

    /** Writes what {@code out} holds at {@code at} (adding it to the CRC) and empties it; returns the next offset. */
    private long drain(ByteBuffer out, CRC32C crc, long at) throws IOException {
        out.flip();
        int n = out.remaining();
        crc.update(out.duplicate());
        writeFully(out, at);
        out.clear();
        return at + n;
    }

    private void writeFully(ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    /** The complete record, if there is one; a torn or absent record gives empty. */
    public Optional<Entry> read() {
        try {
            long length = channel.size();
            if (length < HEADER) {
                return Optional.empty();
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(header, 0);
            int size = header.getInt(4);
            if (header.getInt(0) != MAGIC || size < 8 || HEADER + (long) size > length) {
                return Optional.empty();
            }
            ByteBuffer payload = ByteBuffer.allocate(size);
            readFully(payload, HEADER);
            CRC32C crc = new CRC32C();
            crc.update(payload.array(), 0, size);
            if ((int) crc.getValue() != header.getInt(8)) {
                return Optional.empty();
            }
            payload.flip();
            byte[] meta = bytes(payload);
            int count = payload.getInt();
            List<Map.Entry<byte[], byte[]>> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] key = bytes(payload);
                rows.add(Map.entry(key, bytes(payload)));
            }
            return Optional.of(new Entry(meta, rows));
        } catch (IOException | RuntimeException e) {
            throw new StorageException(StorageException.Code.CORRUPT, "Cannot read the commit journal " + file
                    + " (its checksum matched, so this is not a torn write): " + e, e);
        }
    }

    /** Whether the file holds anything (a complete record or a torn one). */
    public boolean isEmpty() {
        return empty;
    }

    /** Forgets the record: called once its effect is applied, or when it is torn. */
    public void clear() {
        if (empty) {
            return;
        }
        try {
            channel.truncate(0);
            empty = true;
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot clear the commit journal " + file + ": " + e, e);
        }
    }

    private void readFully(ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot close the commit journal " + file + ": " + e, e);
        }
    }

    /** What a journal file holds. */
    public enum State {
        /** No file, or an empty one: no commit in flight. */
        EMPTY,
        /** A record cut short: a commit that was never decided (nothing of it was applied). */
        TORN,
        /** A complete record: a decided commit, applied again at the next open. */
        COMPLETE
    }

    /** What the journal file at {@code file} holds, read without changing it (for tests and diagnostics). */
    public static State state(Path file) {
        if (!Files.exists(file)) {
            return State.EMPTY;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CommitJournal journal = new CommitJournal(file, channel, channel.size() == 0);
            return journal.isEmpty() ? State.EMPTY : journal.read().isPresent() ? State.COMPLETE : State.TORN;
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "Cannot read the commit journal " + file + ": " + e, e);
        }
    }

    /** Deletes the journal file of a dropped store. */
    static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
