package dev.toksmith.cli;

import dev.toksmith.Corpus;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/** The input files of a line-oriented command, or standard input for none or "-". */
final class Inputs {
  private Inputs() {}

  /** Reads one input; returns the bytes it read. */
  interface Reader {
    /**
     * @param name how errors refer to the input
     * @param onRead to be told the bytes read so far, as reading goes on
     */
    long read(InputStream in, String name, LongConsumer onRead) throws IOException;
  }

  /**
   * Runs {@code reader} on each named file in turn, or on standard input for none or "-" (which it
   * does not close), showing progress in bytes as {@code phase} against the files' summed size when
   * it is known.
   */
  static void forEach(List<String> files, InputStream stdin, Progress progress, String phase, Reader reader) throws IOException {
    List<String> inputs = files.isEmpty() ? List.of("-") : files;
    long total = totalSize(inputs);
    long before = 0;
    try {
      for (String file : inputs) {
        boolean isStdin = file.equals("-");
        try (InputStream in = isStdin ? new FilterInputStream(stdin) {
              @Override
              public void close() {}
            } : Corpus.openFile(Path.of(file))) {
          long done = before;
          before += reader.read(in, isStdin ? "stdin" : file, read -> progress.update(phase, done + read, total));
        }
      }
    } finally {
      progress.finish();
    }
  }

  /** The summed size of the input files, or -1 when one of them is standard input ("-"). */
  private static long totalSize(List<String> inputs) throws IOException {
    long total = 0;
    for (String file : inputs) {
      if (file.equals("-")) return -1;
      total += Files.size(Path.of(file));
    }
    return total;
  }
}
