package dev.toksmith.core.corpus;

import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.IoSupplier;
import dev.toksmith.api.ReadProgress;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One pass over corpus inputs: unwraps each (see {@link Containers}), decodes its lines (see {@link
 * Utf8LineReader}) and sends documents to the sink: every line as it is, or, in JSON lines mode, the
 * string field of every non-blank line (see {@link JsonLines}); or, made by {@link #wholeTexts}, every
 * text stream whole. Not thread-safe; use once.
 */
public final class CorpusReader {
  private static final long PROGRESS_STEP = 1 << 20;
  /** Bytes read at a time into a block of lines for a {@link LineBlockSink}. */
  private static final int BLOCK_BYTES = 1 << 16;
  /** Once a line runs longer than this, the rest of its stream is decoded here, line by line. */
  static final int LONG_LINE_BYTES = 1 << 20;

  private final String jsonlField;
  private final boolean wholeTexts;
  private final DocumentSink sink;
  private final ReadProgress progress;
  private final long totalBytes;
  private final int maxChars;
  private final Utf8LineReader lines;
  /** The sink when it takes blocks of lines (plain text only, and lines that may be long), else null. */
  private final LineBlockSink blocks;
  private long blockBytes;
  private long storedBytesRead;
  private long nextProgressReport = PROGRESS_STEP;
  private long documents;

  /**
   * Creates a reader.
   *
   * @param jsonlField the field whose string value is the document of each JSON line, or null for
   *     plain text, where each line is a document
   * @param totalBytes the size of all inputs as stored, -1 if unknown; only passed on to {@code progress}
   */
  public CorpusReader(String jsonlField, DocumentSink sink, ReadProgress progress, long totalBytes) {
    this(jsonlField, false, sink, progress, totalBytes);
  }

  /**
   * A reader whose plain-text documents are whole texts: each file, archive entry or stream is one
   * document, line ends included (an empty file is an empty document). JSON lines are read as by the
   * constructor, one document per non-blank line.
   */
  public static CorpusReader wholeTexts(String jsonlField, DocumentSink sink, ReadProgress progress, long totalBytes) {
    return new CorpusReader(jsonlField, true, sink, progress, totalBytes);
  }

  private CorpusReader(String jsonlField, boolean wholeTexts, DocumentSink sink, ReadProgress progress, long totalBytes) {
    this(jsonlField, wholeTexts, sink, progress, totalBytes, Utf8LineReader.MAX_LINE_CHARS);
  }

  /** A reader whose lines, and whole texts, may hold at most {@code maxChars} UTF-16 units (for tests). */
  CorpusReader(String jsonlField, boolean wholeTexts, DocumentSink sink, ReadProgress progress, long totalBytes, int maxChars) {
    this.maxChars = maxChars;
    this.lines = new Utf8LineReader(this::reportProgress, maxChars);
    this.jsonlField = jsonlField;
    this.wholeTexts = wholeTexts;
    this.sink = sink;
    this.progress = progress;
    this.totalBytes = totalBytes;
    // A block holds lines of up to LONG_LINE_BYTES + BLOCK_BYTES bytes, so no more UTF-16 units.
    boolean linesFitBlocks = maxChars >= 2 * LONG_LINE_BYTES;
    this.blocks = jsonlField == null && !wholeTexts && linesFitBlocks && sink instanceof LineBlockSink b ? b : null;
  }

  /** Reads one file (not a directory; see {@link InputFiles#expand}). */
  public void readFile(Path file) throws IOException {
    InputStream in;
    try {
      in = InputFiles.open(file);
    } catch (NoSuchFileException e) {
      throw new CorpusException("no such file or directory: " + file, e);
    } catch (AccessDeniedException e) {
      throw new CorpusException("permission denied: " + file, e);
    } catch (IOException e) {
      throw new CorpusException("cannot open " + file + " (" + Failures.detail(e) + ")", e);
    }
    try (in) {
      readStream(file.toString(), in);
    }
  }

  /** Opens a stream with {@code open}, reads it to its end and closes it. */
  public void readSource(String name, IoSupplier<InputStream> open) throws IOException {
    InputStream in;
    try {
      in = open.get();
    } catch (CorpusException e) {
      throw e;
    } catch (IOException e) {
      throw new CorpusException("cannot open " + name + " (" + Failures.detail(e) + ")", e);
    }
    if (in == null) throw new CorpusException("cannot open " + name + " (no stream)");
    try (in) {
      readStream(name, in);
    }
  }

  /** Reads a stream to its end, naming it {@code name} in errors; does not close it. */
  public void readStream(String name, InputStream in) throws IOException {
    Stored stored = new Stored(in, name);
    Containers.forEachText(stored, name, this::readText);
    // Archives may end before their stream does (zip's central directory, tar's padding); count all.
    stored.transferTo(OutputStream.nullOutputStream());
  }

  /**
   * Reads a stream of plain text to its end, naming it {@code name} in errors, without looking for
   * compression or archives: for a part of a text file cut at a line end, or for a value that is text
   * whatever its first bytes are. Does not close {@code in}.
   */
  public void readPlainText(String name, InputStream in) throws IOException {
    readText(name, new Stored(in, name));
  }

  /** Reports the final progress and returns what was read. */
  public CorpusStats finish() {
    progress.bytesRead(storedBytesRead, totalBytes);
    return new CorpusStats(documents, lines.bytesDecoded() + blockBytes, lines.invalidSequences());
  }

  private void readText(String name, InputStream in) throws IOException {
    try {
      readLines(name, in);
    } catch (Utf8LineReader.LineTooLongException e) {
      throw new CorpusException(name + ":" + e.lineNumber() + ": " + e.getMessage(), e);
    }
  }

  private void readLines(String name, InputStream in) throws IOException {
    if (jsonlField == null && wholeTexts) {
      StringBuilder text = new StringBuilder();
      lines.read(in, (line, lineNumber) -> {
        if ((long) text.length() + line.length() > maxChars) {
          throw new CorpusException(name + ": longer than " + maxChars + " characters, the most toksmith reads as one document (split the file)");
        }
        text.append(line);
      });
      accept(text.toString());
      return;
    }
    if (blocks != null) {
      readBlocks(in);
      return;
    }
    if (jsonlField == null) {
      lines.read(in, (line, lineNumber) -> accept(line));
      return;
    }
    lines.read(in, (line, lineNumber) -> {
      if (JsonLines.isBlank(line)) return;
      try {
        accept(JsonLines.stringField(line, jsonlField));
      } catch (JsonLineException e) {
        throw new CorpusException(name + ":" + lineNumber + ": " + e.getMessage(), e);
      }
    });
  }

  /**
   * Hands the stream's lines to {@link #blocks} in blocks cut after a {@code '\n'}; once a line runs
   * past {@link #LONG_LINE_BYTES} bytes, decodes the rest of the stream line by line as without blocks.
   */
  private void readBlocks(InputStream in) throws IOException {
    byte[] buffer = new byte[BLOCK_BYTES];
    int used = 0;
    long linesBefore = 0;
    while (true) {
      if (buffer.length - used < BLOCK_BYTES / 2) {
        if (used >= LONG_LINE_BYTES) {
          readLongLines(new SequenceInputStream(new ByteArrayInputStream(buffer, 0, used), in), linesBefore);
          return;
        }
        buffer = Arrays.copyOf(buffer, buffer.length + BLOCK_BYTES);
      }
      int n = in.read(buffer, used, buffer.length - used);
      if (n < 0) break;
      int scanned = used;
      used += n;
      reportProgress();
      int end = used;
      while (end > scanned && buffer[end - 1] != '\n') end--;
      if (end == scanned) continue; // no line ends yet: read on
      linesBefore += handOut(buffer, end, 0);
      System.arraycopy(buffer, end, buffer, 0, used - end);
      used -= end;
      if (buffer.length > BLOCK_BYTES && used < BLOCK_BYTES / 2) buffer = Arrays.copyOf(buffer, BLOCK_BYTES);
    }
    if (used > 0) handOut(buffer, used, 1);
  }

  /**
   * Hands {@code buffer[0, end)} over as a block; returns its line ends, and counts them plus {@code
   * unended} as documents. They are counted after the hand-over, so that a counting thread starts
   * sooner; nobody writes the block any more.
   */
  private long handOut(byte[] buffer, int end, int unended) {
    byte[] block = Arrays.copyOf(buffer, end);
    blocks.acceptLines(block);
    long lineEnds = lineEnds(block, end);
    documents += lineEnds + unended;
    blockBytes += end;
    return lineEnds;
  }

  /** How many of {@code bytes[0, end)} are {@code '\n'}. */
  static long lineEnds(byte[] bytes, int end) {
    long count = 0;
    for (int i = 0; i < end; i++) if (bytes[i] == '\n') count++;
    return count;
  }

  /** Reads lines one by one, numbering them after the {@code linesBefore} of their stream already handed out. */
  private void readLongLines(InputStream in, long linesBefore) throws IOException {
    try {
      lines.read(in, (line, lineNumber) -> accept(line));
    } catch (Utf8LineReader.LineTooLongException e) {
      throw new Utf8LineReader.LineTooLongException(linesBefore + e.lineNumber(), maxChars);
    }
  }

  private void accept(String document) {
    documents++;
    sink.accept(document);
  }

  private void reportProgress() {
    if (storedBytesRead >= nextProgressReport) {
      progress.bytesRead(storedBytesRead, totalBytes);
      nextProgressReport = storedBytesRead + PROGRESS_STEP;
    }
  }

  /** Counts the bytes of an input as stored, and names it when reading it fails. */
  private final class Stored extends FilterInputStream {
    private final String name;

    Stored(InputStream in, String name) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      int b = readFailingClearly(() -> in.read());
      if (b >= 0) storedBytesRead++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = readFailingClearly(() -> in.read(b, off, len));
      if (n > 0) storedBytesRead += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Read rather than skip, so that the count stays exact.
      byte[] skipped = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      return Math.max(read(skipped, 0, skipped.length), 0);
    }

    private int readFailingClearly(Failures.IoCall<Integer> read) throws IOException {
      try {
        return read.call();
      } catch (IOException e) {
        throw new CorpusException("cannot read " + name + " (" + Failures.detail(e) + ")", e);
      }
    }
  }
}
