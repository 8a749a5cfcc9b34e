package dev.toksmith.cli;

import dev.toksmith.vocab.io.AtomicFile;
import dev.toksmith.vocab.io.OutputPath;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * One output of a command, as users name it: {@code -} is standard output; anything else is an {@link
 * AtomicFile}, written whole or not at all (through symbolic links, directly into a FIFO or device,
 * only into a directory that exists).
 */
final class OutputFile implements AutoCloseable {
  /** How users name standard output. */
  static final String STDOUT = "-";

  private final OutputStream out;
  /** Null for standard output. */
  private final AtomicFile file;

  private OutputFile(OutputStream out, AtomicFile file) {
    this.out = out;
    this.file = file;
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

  /** Refuses a second output to standard output: {@code namesAndFiles} pairs each option with its value, null when not given. */
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
      }), null);
    }
    AtomicFile atomic = new AtomicFile(file);
    return new OutputFile(atomic.stream(), atomic);
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

  /** Finishes the output: flushes standard output, or renames the file over its target. */
  void commit() throws IOException {
    if (file == null) out.close();
    else file.commit();
  }

  /** Without a commit, removes the file's temporary file (what went to standard output stays). */
  @Override
  public void close() throws IOException {
    if (file == null) out.close();
    else file.close();
  }
}
