package dev.toksmith.vocab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file written through a temporary sibling and a rename, so a failure never leaves half a file: the
 * sibling is renamed over the target only by {@link #commit()}, and closing without committing (or the
 * JVM stopping, see {@link TemporaryOutputs}) removes it. Where it lands is {@link OutputPath}'s:
 * through symbolic links, directly into a FIFO or device (which no rename can replace), and only into
 * a directory that exists. A failed write names the file.
 *
 * <pre>{@code
 * try (AtomicFile file = new AtomicFile(Path.of("out.txt"))) {
 *   file.stream().write(bytes);
 *   file.commit();                 // without it, close() leaves out.txt as it was
 * }
 * }</pre>
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
  private boolean closed;

  /** Starts writing {@code file}. */
  public AtomicFile(Path file) throws IOException {
    OutputPath where = OutputPath.of(file);
    target = where.target();
    if (where.special()) {
      tmp = null;
      out = new BufferedOutputStream(new NamedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE), file.toString()), 1 << 16);
      return;
    }
    tmp = TemporaryOutputs.createFile(target);
    OutputStream opened;
    try {
      opened = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      TemporaryOutputs.discard(tmp);
      throw e;
    }
    out = new BufferedOutputStream(new NamedOutputStream(opened, file.toString()), 1 << 16);
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
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      if (tmp != null) TemporaryOutputs.discard(tmp);
      throw e;
    }
    if (tmp != null) TemporaryOutputs.commit(tmp, target);
  }

  /** Removes the temporary file unless the target was committed. */
  @Override
  public void close() throws IOException {
    try {
      if (!closed) out.close();
    } catch (IOException e) {
      // Its content is being thrown away; what failed is reported by whoever did not commit.
    } finally {
      closed = true;
      if (tmp != null) TemporaryOutputs.discard(tmp);
    }
  }
}
