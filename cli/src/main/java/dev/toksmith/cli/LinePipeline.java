package dev.toksmith.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Runs a job on every line of the inputs, on several threads, and writes each line's output in input
 * order. Lines end at {@code \n} only (a {@code \r} stays part of the line, so CRLF and lone CR input
 * round-trips); each output line ends with {@code \n} when its input line did.
 *
 * <p>The calling thread reads batches of whole lines (about {@link #BATCH_BYTES} each; a longer line
 * is a batch of its own) and writes their results in order; worker threads run the job over a batch
 * into a buffer. At most two batches per thread are in flight, so memory stays constant however long
 * the input. Input that fits one batch is handled on the calling thread without starting any worker.
 * A bad line stops the run: the output of the lines before it is written, and the error names the
 * input and line number.
 *
 * <p>A line longer than {@link #STREAMED_LINE_BYTES} goes, once the lines before it are written, to a
 * job that can take it in parts ({@link StreamingLineJob}), on the calling thread; for any other job
 * it is held whole, up to {@link #MAX_LINE_BYTES}, and a longer one is refused with an error naming
 * it. So no line makes memory grow past that, and no length overflows a buffer.
 */
final class LinePipeline implements AutoCloseable {
  /** Input bytes per batch: large enough to make handing batches over cheap, small enough to spread short inputs. */
  static final int BATCH_BYTES = 1 << 18;
  /** A line longer than this goes in parts to a job that streams. */
  static final int STREAMED_LINE_BYTES = 1 << 22;
  /** The longest line held whole: 256 MiB. */
  static final int MAX_LINE_BYTES = 1 << 28;

  /** The work done on one line. */
  interface LineJob {
    /**
     * Writes the output of the line {@code bytes[from, to)} (without its {@code \n}) to {@code out}.
     *
     * @throws BadLineException if the line cannot be processed; the message is about the line
     */
    void run(byte[] bytes, int from, int to, ByteSink out) throws BadLineException;
  }

  /** A job that can also take a line too long to hold, in parts. */
  interface StreamingLineJob extends LineJob {
    /** Whether lines longer than {@link #STREAMED_LINE_BYTES} go to {@link #runStreaming} (else they are held whole). */
    boolean streams();

    /**
     * Writes the output of one long line, whose bytes (without its {@code \n}) {@code line} gives, to
     * {@code out} as it goes; a failure part-way leaves the output written so far.
     */
    void runStreaming(InputStream line, OutputStream out) throws BadLineException, IOException;
  }

  /** A line that cannot be processed; the pipeline adds the input name and line number. */
  static final class BadLineException extends Exception {
    BadLineException(String message) {
      super(message, null, false, false);
    }
  }

  private final int threads;
  private final int batchBytes;
  private final int streamedLineBytes;
  private final int maxLineBytes;
  private final boolean endEveryLine;
  private final LineJob job;
  private ExecutorService workers;

  /**
   * @param threads worker threads (1: everything on the calling thread)
   * @param endEveryLine end every output line with {@code \n}, even for a last input line without one
   */
  LinePipeline(int threads, boolean endEveryLine, LineJob job) {
    this(threads, BATCH_BYTES, endEveryLine, job);
  }

  LinePipeline(int threads, int batchBytes, boolean endEveryLine, LineJob job) {
    this(threads, batchBytes, STREAMED_LINE_BYTES, MAX_LINE_BYTES, endEveryLine, job);
  }

  /** Other sizes, for tests. */
  LinePipeline(int threads, int batchBytes, int streamedLineBytes, int maxLineBytes, boolean endEveryLine, LineJob job) {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
    this.threads = threads;
    this.batchBytes = batchBytes;
    this.streamedLineBytes = streamedLineBytes;
    this.maxLineBytes = maxLineBytes;
    this.endEveryLine = endEveryLine;
    this.job = job;
  }

  /**
   * Runs the job on each named file in turn, or on standard input for none or "-", writing to {@code
   * out}, showing progress in bytes as {@code phase} (against the file sizes when they are known).
   */
  void run(List<String> files, InputStream stdin, OutputStream out, Progress progress, String phase) throws IOException {
    Inputs.forEach(files, stdin, progress, phase, (in, name, onRead) -> run(in, name, out, onRead));
  }

  /**
   * Runs the job on the lines of one input, which errors call {@code name}, telling {@code onRead}
   * the bytes read so far; returns the bytes read.
   */
  long run(InputStream in, String name, OutputStream out, LongConsumer onRead) throws IOException {
    BatchReader reader = new BatchReader(in, name, onRead);
    ArrayDeque<Future<Result>> inFlight = new ArrayDeque<>();
    long lines = 0;
    try {
      for (Batch batch; (batch = reader.next()) != null; ) {
        if (batch.longLine()) {
          while (!inFlight.isEmpty()) lines = write(await(inFlight.poll()), name, lines, out);
          lines = writeLongLine(batch, reader, name, lines, out);
          continue;
        }
        if (threads == 1 || (inFlight.isEmpty() && reader.atEnd())) {
          lines = write(process(batch), name, lines, out);
          continue;
        }
        Batch submitted = batch;
        inFlight.add(workers().submit(() -> process(submitted)));
        while (inFlight.size() >= 2 * threads) lines = write(await(inFlight.poll()), name, lines, out);
      }
      while (!inFlight.isEmpty()) lines = write(await(inFlight.poll()), name, lines, out);
    } finally {
      // After an error, what is still in flight is of no use.
      for (Future<Result> f : inFlight) f.cancel(false);
    }
    return reader.bytesRead;
  }

  /**
   * Lines of input, each but perhaps the last ending with {@code \n}, in {@code bytes[0, length)}; or,
   * for a long line, its first {@code length} bytes.
   */
  private record Batch(byte[] bytes, int length, boolean longLine) {}

  /** Streams a long line to the job, or refuses it; returns the lines written. */
  private long writeLongLine(Batch batch, BatchReader reader, String name, long lines, OutputStream out) throws IOException {
    if (!(job instanceof StreamingLineJob streaming && streaming.streams())) {
      throw new IOException(name + ":" + (lines + 1) + ": longer than " + maxLineBytes + " bytes, the most a line can hold here");
    }
    BatchReader.LongLine line = reader.longLine(batch);
    try {
      streaming.runStreaming(line, out);
    } catch (BadLineException e) {
      out.flush();
      throw new IOException(name + ":" + (lines + 1) + ": " + e.getMessage());
    }
    line.transferTo(OutputStream.nullOutputStream());
    if (line.terminated || endEveryLine) out.write('\n');
    return lines + 1;
  }

  /**
   * The output of a batch: {@code output[0, length)}, for {@code lines} lines; when a line was bad,
   * the output and count of the lines before it, and the error.
   */
  private record Result(ByteSink output, int length, int lines, String error) {}

  private Result process(Batch batch) {
    byte[] bytes = batch.bytes();
    ByteSink output = new ByteSink(batch.length() + (batch.length() >> 1));
    int lines = 0;
    for (int from = 0; from < batch.length(); lines++) {
      int to = from;
      while (to < batch.length() && bytes[to] != '\n') to++;
      int before = output.size();
      output.startLine();
      try {
        job.run(bytes, from, to, output);
      } catch (BadLineException e) {
        return new Result(output, before, lines, e.getMessage());
      }
      if (to < batch.length() || endEveryLine) output.write('\n');
      from = to + 1;
    }
    return new Result(output, output.size(), lines, null);
  }

  /** Writes a result after {@code lines} lines of the input; returns the lines written. */
  private static long write(Result result, String name, long lines, OutputStream out) throws IOException {
    result.output().writeTo(out, result.length());
    if (result.error() != null) {
      out.flush();
      throw new IOException(name + ":" + (lines + result.lines() + 1) + ": " + result.error());
    }
    return lines + result.lines();
  }

  private static Result await(Future<Result> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      // A failure that is not about a line (a bug, out of memory): rethrow it as it is.
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }

  private ExecutorService workers() {
    if (workers == null) {
      AtomicInteger count = new AtomicInteger();
      workers = Executors.newFixedThreadPool(threads, task -> {
        Thread t = new Thread(task, "toksmith-worker-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return workers;
  }

  @Override
  public void close() {
    if (workers != null) workers.shutdownNow();
  }

  /** Cuts an input into batches of whole lines. */
  private final class BatchReader {
    private final InputStream in;
    private final String name;
    private final LongConsumer onRead;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean eof;
    long bytesRead;

    BatchReader(InputStream in, String name, LongConsumer onRead) {
      this.in = in;
      this.name = name;
      this.onRead = onRead;
    }

    /** The next batch, or null at the end of the input. */
    Batch next() throws IOException {
      byte[] bytes = new byte[Math.max(batchBytes, (int) Math.min(2L * carryLength, maxLineBytes + 1L))];
      System.arraycopy(carry, 0, bytes, 0, carryLength);
      int length = carryLength;
      carryLength = 0;
      while (true) {
        length = fill(bytes, length);
        if (eof) return length == 0 ? null : new Batch(bytes, length, false);
        int end = length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        if (end > 0) {
          // The partial last line starts the next batch.
          carryLength = length - end;
          if (carry.length < carryLength) carry = new byte[Math.max(carryLength, batchBytes)];
          System.arraycopy(bytes, end, carry, 0, carryLength);
          return new Batch(bytes, end, false);
        }
        // One line longer than the batch: take more, or hand it over in parts, or refuse it.
        boolean streams = job instanceof StreamingLineJob streaming && streaming.streams();
        if ((streams && length >= streamedLineBytes) || length > maxLineBytes) return new Batch(bytes, length, true);
        // Room for the longest line and its newline.
        bytes = Arrays.copyOf(bytes, (int) Math.min(2L * bytes.length, maxLineBytes + 1L));
      }
    }

    /** The rest of the long line {@code batch} began: its bytes after the batch's, up to its {@code \n}. */
    LongLine longLine(Batch batch) {
      return new LongLine(batch.bytes(), batch.length());
    }

    /**
     * A long line's bytes: those held, then the input up to the next {@code \n}, which is consumed;
     * what was read after it is carried to the next batch.
     */
    final class LongLine extends InputStream {
      private byte[] held;
      private int pos;
      private int limit;
      private boolean ended;
      boolean terminated;

      LongLine(byte[] held, int limit) {
        this.held = held;
        this.limit = limit;
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos == limit) {
          if (ended || eof) return -1;
          if (held.length > batchBytes) held = new byte[batchBytes];
          pos = 0;
          limit = fill(held, 0);
        }
        int end = Math.min(limit, pos + len);
        for (int i = pos; i < end; i++) {
          if (held[i] == '\n') {
            // The line ends here: the bytes after the newline start the next batch.
            terminated = true;
            ended = true;
            carryLength = limit - i - 1;
            if (carry.length < carryLength) carry = new byte[Math.max(carryLength, batchBytes)];
            System.arraycopy(held, i + 1, carry, 0, carryLength);
            end = i;
            limit = i;
            break;
          }
        }
        int n = end - pos;
        System.arraycopy(held, pos, b, off, n);
        pos = end;
        return n == 0 && ended ? -1 : n;
      }
    }

    /** Whether the input is used up: the batch just returned was the last. */
    boolean atEnd() {
      return eof && carryLength == 0;
    }

    /** Reads into {@code bytes} after {@code length} until it is full or the input ends; returns the new length. */
    private int fill(byte[] bytes, int length) throws IOException {
      while (length < bytes.length && !eof) {
        int n;
        try {
          n = in.read(bytes, length, bytes.length - length);
        } catch (IOException e) {
          throw new IOException(name + ": " + Errors.describe(e), e);
        }
        if (n < 0) {
          eof = true;
        } else {
          length += n;
          bytesRead += n;
          onRead.accept(bytesRead);
        }
      }
      return length;
    }
  }
}
