package dev.toksmith.vocab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written through a temporary sibling and a rename, so a failure never leaves half a file: the
 * sibling is renamed over the target only by {@link #commit()}, and closing without committing removes
 * it. Where it lands is {@link OutputPath}'s: through symbolic links, directly into a FIFO or device
 * (which no rename can replace), and only into a directory that exists.
 */
public final class AtomicFile implements AutoCloseable {
  /** Writes the content to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path target;
  /** Null when the target is written directly. */
  private final Path tmp;
  private final OutputStream out;
  private boolean committed;

  /** Starts writing {@code file}. */
  public AtomicFile(Path file) throws IOException {
    OutputPath where = OutputPath.of(file);
    target = where.target();
    if (where.special()) {
      tmp = null;
      out = new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE), 1 << 16);
      return;
    }
    // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
    tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16);
  }

  /** Writes {@code file} with what {@code content} writes. */
  public static void write(Path file, Content content) throws IOException {
    try (AtomicFile atomic = new AtomicFile(file)) {
      content.writeTo(atomic.stream());
      atomic.commit();
    }
  }

  /** Where the content goes. */
  public OutputStream stream() {
    return out;
  }

  /** Finishes the file and renames it over the target. */
  public void commit() throws IOException {
    out.close();
    if (tmp != null) {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    committed = true;
  }

  /** Removes the temporary file unless the target was committed. */
  @Override
  public void close() throws IOException {
    if (committed) return;
    try {
      out.close();
    } finally {
      if (tmp != null) Files.deleteIfExists(tmp);
    }
  }
}
