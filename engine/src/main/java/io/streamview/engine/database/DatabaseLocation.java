package io.streamview.engine.database;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a database lives: a private in-memory database, a named in-memory database shared inside the JVM, or a
 * directory. {@link #key()} identifies the database in the {@link DatabaseRegistry}.
 */
public sealed interface DatabaseLocation {

  /** The registry key; empty for a private database that no other connection can reach. */
  Optional<String> key();

  /** A display name for messages. */
  String describe();

  /** The database's name in system views: {@code NAME} of {@code mem:NAME}, the directory's name, {@code mem}. */
  String name();

  /** {@code mem:} — private to one connection. */
  record PrivateMemory() implements DatabaseLocation {
    @Override public Optional<String> key() {
      return Optional.empty();
    }

    @Override public String describe() {
      return "mem:";
    }

    @Override public String name() {
      return "mem";
    }
  }

  /** {@code mem:NAME} — shared by the connections of this JVM, kept until the JVM ends. */
  record NamedMemory(String name) implements DatabaseLocation {
    public NamedMemory {
      Objects.requireNonNull(name, "name");
    }

    @Override public Optional<String> key() {
      return Optional.of("mem:" + name);
    }

    @Override public String describe() {
      return "mem:" + name;
    }
  }

  /** {@code file:PATH} — a directory, created if missing, opened by one process at a time. */
  record Directory(Path path) implements DatabaseLocation {
    public Directory {
      path = path.toAbsolutePath().normalize();
    }

    @Override public Optional<String> key() {
      return Optional.of("file:" + path);
    }

    @Override public String describe() {
      return "file:" + path;
    }

    @Override public String name() {
      Path file = path.getFileName();
      return file == null ? path.toString() : file.toString();
    }
  }
}
