package dev.toksmith.spark;

import dev.toksmith.Corpus;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.ReadProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads the documents of a split as the command line reads them: for {@code train}, each line of
 * text with its {@code \n} (invalid UTF-8 replaced, as {@code train} replaces it) or the field of each
 * JSON line; for {@code encode}, the raw bytes of each line without its {@code \n} (a {@code \r}
 * kept). A Parquet row's column value is one document in both.
 */
final class SplitReader {
  private final Configuration conf;
  private final String parquetColumn;

  /** @param parquetColumn the column of Parquet inputs, or null for text and JSON lines */
  SplitReader(Configuration conf, String parquetColumn) {
    this.conf = conf;
    this.parquetColumn = parquetColumn;
  }

  /** Receives the raw bytes {@code bytes[from, to)} of one line, which must not be kept. */
  @FunctionalInterface
  interface LineSink {
    void line(byte[] bytes, int from, int to) throws IOException;
  }

  /**
   * Hands the documents of {@code split} to {@code sink} as {@code train} reads them (with {@code
   * jsonlField}, that field of each JSON line) and returns what was read.
   */
  CorpusStats trainingDocuments(InputSplit split, String jsonlField, DocumentSink counter) throws IOException {
    Batches sink = new Batches(counter);
    try {
      return read(split, jsonlField, sink);
    } finally {
      sink.flush();
    }
  }

  /** Hands documents on in batches, so that decoding and counting each keep their caches warm. */
  private static final class Batches implements DocumentSink {
    private final DocumentSink counter;
    private final String[] batch = new String[1024];
    private int size;
    private int chars;

    Batches(DocumentSink counter) {
      this.counter = counter;
    }

    @Override
    public void accept(String document) {
      batch[size++] = document;
      chars += document.length();
      if (size == batch.length || chars >= 1 << 16) flush();
    }

    void flush() {
      for (int i = 0; i < size; i++) {
        counter.accept(batch[i]);
        batch[i] = null;
      }
      size = 0;
      chars = 0;
    }
  }

  private CorpusStats read(InputSplit split, String jsonlField, DocumentSink sink) throws IOException {
    switch (split.kind()) {
      case WHOLE_FILE -> {
        Corpus.Reader reader = documents(jsonlField).reader(sink, ReadProgress.NONE);
        reader.read(split.name(), () -> open(split));
        return reader.finish();
      }
      case TEXT_RANGE -> {
        Corpus.Reader reader = documents(jsonlField).reader(sink, ReadProgress.NONE);
        try (InputStream in = new LineRange(open(split), split.start(), split.end())) {
          reader.readPlainText(split.name(), in);
        }
        return reader.finish();
      }
      default -> {
        // Each value whole, its invalid UTF-8 replaced as in text.
        Corpus.Reader reader = Corpus.of().withWholeTexts().reader(sink, ReadProgress.NONE);
        ParquetColumn.read(conf, split.path(), split.name(), parquetColumn, (int) split.start(), (int) split.end(),
            (bytes, from, to) -> reader.readPlainText(split.name(), new ByteArrayInputStream(bytes, from, to - from)));
        return reader.finish();
      }
    }
  }

  /** Hands every line of {@code split} (every value, for Parquet) to {@code sink}, in order. */
  void lines(InputSplit split, LineSink sink) throws IOException {
    switch (split.kind()) {
      case WHOLE_FILE -> {
        try (InputStream in = open(split)) {
          Corpus.forEachText(in, split.name(), (name, text) -> splitLines(text, name, sink));
        }
      }
      case TEXT_RANGE -> {
        try (InputStream in = new LineRange(open(split), split.start(), split.end())) {
          splitLines(in, split.name(), sink);
        }
      }
      default -> ParquetColumn.read(conf, split.path(), split.name(), parquetColumn, (int) split.start(), (int) split.end(), sink::line);
    }
  }

  /** What {@code train} makes of plain text, or of JSON lines' {@code jsonlField} when there is one. */
  private static Corpus documents(String jsonlField) {
    return jsonlField == null ? Corpus.of() : Corpus.of().withJsonlField(jsonlField);
  }

  private FSDataInputStream open(InputSplit split) throws IOException {
    Path path = new Path(split.path());
    return path.getFileSystem(conf).open(path);
  }

  /** The longest line {@code encode} takes, in bytes without its {@code \n}: 256 MiB, as {@code toksmith encode}. */
  static final int MAX_LINE_BYTES = 1 << 28;

  /** {@link #splitLines(InputStream, String, int, LineSink)} with {@code encode}'s limit. */
  static void splitLines(InputStream in, String name, LineSink sink) throws IOException {
    splitLines(in, name, MAX_LINE_BYTES, sink);
  }

  /**
   * The lines of a stream, as {@code encode} cuts them: at {@code \n} only, which is left out; the last
   * line without one only when it is not empty. Memory grows with the longest line, up to {@code
   * maxLineBytes}; a longer line is an error naming {@code name} and the line's number in it (as {@code
   * toksmith encode} names it; in a byte range of a file, counted from the range's first line).
   */
  static void splitLines(InputStream in, String name, int maxLineBytes, LineSink sink) throws IOException {
    byte[] buffer = new byte[Math.min(1 << 16, maxLineBytes + 1)];
    long lines = 0;
    int start = 0;
    int limit = 0;
    while (true) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) break;
      int scanFrom = limit;
      limit += n;
      for (int i = scanFrom; i < limit; i++) {
        if (buffer[i] == '\n') {
          sink.line(buffer, start, i);
          lines++;
          start = i + 1;
        }
      }
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, limit - start);
        limit -= start;
        start = 0;
      } else if (limit == buffer.length) {
        // The buffer never grows past the limit and a newline: a line that fills it is too long.
        if (limit > maxLineBytes) {
          throw new IOException(name + ":" + (lines + 1) + ": longer than " + maxLineBytes + " bytes, the most a line can hold here");
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxLineBytes + 1L));
      }
    }
    if (limit > start) sink.line(buffer, start, limit);
  }
}
