package dev.toksmith.cli;

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
 * An output file written to a temporary sibling and renamed over the target only on {@link
 * #commit()}, so a failure never leaves half a file; closing without committing deletes the
 * temporary file.
 */
final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private final OutputStream out;
  private boolean committed;

  AtomicOutput(Path file) throws IOException {
    target = file.toAbsolutePath();
    if (target.getParent() != null) Files.createDirectories(target.getParent());
    // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
    tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16);
  }

  OutputStream stream() {
    return out;
  }

  /** Finishes the file and renames it over the target. */
  void commit() throws IOException {
    out.close();
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (committed) return;
    try {
      out.close();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
