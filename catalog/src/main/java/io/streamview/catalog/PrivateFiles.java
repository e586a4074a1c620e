package io.streamview.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File helpers for the catalog: owner-only permissions (files 0600, directories 0700 where POSIX
 * is supported) and atomic replacement (write {@code <file>.tmp}, fsync, atomic rename, fsync the
 * directory).
 */
final class PrivateFiles {

    static final String TMP_SUFFIX = ".tmp";

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and missing parents, each new one 0700. An existing directory is left as it is. */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    static Path tmpFor(Path target) {
        return target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    }

    /** Atomically replaces {@code target} with {@code content}; on failure the old file is untouched. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        writeAtomically(target, content, true);
    }

    /**
     * Atomically replaces {@code target} with {@code content} (the new content is forced to the device before the
     * rename, so the file is always whole); {@code syncDirectory} also forces the rename itself, without which a
     * power loss may bring back the previous whole file. On failure the old file is untouched.
     */
    static void writeAtomically(Path target, byte[] content, boolean syncDirectory) throws IOException {
        Path tmp = tmpFor(target);
        Files.deleteIfExists(tmp);
        try {
            try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), privateFileAttributes(tmp))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (syncDirectory) {
            fsyncDirectory(target.toAbsolutePath().getParent());
        }
    }

    /** Makes a rename or delete in {@code dir} durable. A no-op where directories cannot be opened (Windows). */
    static void fsyncDirectory(Path dir) throws IOException {
        if (dir == null || !isPosix(dir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static FileAttribute<?>[] privateFileAttributes(Path file) {
        return isPosix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
    }
}
