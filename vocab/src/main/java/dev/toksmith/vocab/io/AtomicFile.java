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
 * Writes a file through a temporary sibling and a rename, so a failure never leaves half a file.
 * Where it lands is {@link OutputPath}'s: through symbolic links, directly into a FIFO or device, and
 * only into a directory that exists.
 */
public final class AtomicFile {
  /** Writes the content to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /** Writes {@code file} with what {@code content} writes. */
  public static void write(Path file, Content content) throws IOException {
    OutputPath where = OutputPath.of(file);
    if (where.special()) {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(where.target(), StandardOpenOption.WRITE), 1 << 16)) {
        content.writeTo(out);
      }
      return;
    }
    Path absolute = where.target();
    // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
    Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
        content.writeTo(out);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
