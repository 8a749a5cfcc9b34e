package dev.toksmith.cli;

import dev.toksmith.vocab.io.AtomicFile;
import dev.toksmith.vocab.io.OutputPath;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * One output of a command, as users name it: {@code -} is standard output; anything else is a file,
 * written to a temporary file renamed over its target only by {@link #commit()}, so a failure never
 * leaves half a file (closing without committing deletes it). Where a file lands is {@link
 * OutputPath}'s: through symbolic links, directly into a FIFO or device, and only into a directory
 * that exists.
 */
final class OutputFile implements AutoCloseable {
  /** How users name standard output. */
  static final String STDOUT = "-";

  private final OutputStream out;
  private final Path target;
  /** Null when written directly: standard output, a FIFO, a device. */
  private final Path tmp;
  private boolean committed;

  private OutputFile(OutputStream out, Path target, Path tmp) {
    this.out = out;
    this.target = target;
    this.tmp = tmp;
  }

  static boolean isStdout(Path file) {
    return file.toString().equals(STDOUT);
  }

  /** How messages name the output: its path, or "standard output". */
  static String name(Path file) {
    return isStdout(file) ? "standard output" : file.toString();
  }

  /** Fails now, before any work, if {@code file} could not be written at the end (its directory is missing, say). */
  static void check(Path file) throws IOException {
    if (file != null && !isStdout(file)) OutputPath.of(file);
  }

  /** Refuses a second output to standard output: {@code outputs} are a command's, null for those not asked for. */
  static void atMostOneToStdout(CommandSpec spec, String... namesAndFiles) {
    List<String> toStdout = new ArrayList<>();
    for (int i = 0; i < namesAndFiles.length; i += 2) {
      if (namesAndFiles[i + 1] != null && namesAndFiles[i + 1].equals(STDOUT)) toStdout.add(namesAndFiles[i]);
    }
    if (toStdout.size() > 1) throw new ParameterException(spec.commandLine(), String.join(" and ", toStdout) + " cannot both write to standard output (-)");
  }

  /** Starts writing {@code file}, or standard output for {@code -}. */
  static OutputFile open(Main main, Path file) throws IOException {
    if (isStdout(file)) {
      // Standard output stays open for what follows; committing flushes it.
      return new OutputFile(buffered(new FilterOutputStream(main.streams.out()) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          flush();
        }
      }), null, null);
    }
    OutputPath where = OutputPath.of(file);
    if (where.special()) return new OutputFile(buffered(Files.newOutputStream(where.target(), StandardOpenOption.WRITE)), where.target(), null);
    // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
    Path tmp = where.target().resolveSibling("." + where.target().getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    return new OutputFile(buffered(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)), where.target(), tmp);
  }

  /** Writes {@code file}, or standard output for {@code -}, with what {@code content} writes. */
  static void write(Main main, Path file, AtomicFile.Content content) throws IOException {
    try (OutputFile output = open(main, file)) {
      content.writeTo(output.stream());
      output.commit();
    }
  }

  private static OutputStream buffered(OutputStream out) {
    return new BufferedOutputStream(out, 1 << 16);
  }

  OutputStream stream() {
    return out;
  }

  /** Finishes the output: flushes it, and renames a temporary file over its target. */
  void commit() throws IOException {
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

  /** Without a commit, deletes the temporary file. */
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
