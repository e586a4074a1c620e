package io.streamview.engine.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only permissions for storage files (0600) and directories (0700) where POSIX is supported. */
final class PrivateFiles {

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
        try {
            if (isPosix(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Attributes that create a file as 0600 (none where POSIX is not supported). */
    static FileAttribute<?>[] fileAttributes(Path file) {
        return isPosix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
    }

    /** Creates an empty 0600 file unless it exists. */
    static void createFileIfMissing(Path file) throws IOException {
        try {
            Files.createFile(file, fileAttributes(file));
        } catch (FileAlreadyExistsException e) {
            // keep it
        }
    }

    /** Sets 0600 on an existing file where POSIX is supported. */
    static void makePrivate(Path file) throws IOException {
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }
}
