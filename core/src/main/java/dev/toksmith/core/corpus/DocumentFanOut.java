package dev.toksmith.core.corpus;

import dev.toksmith.api.DocumentSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Spreads documents read on the calling thread over worker sinks, one thread each, in batches
 * through a bounded queue, so that memory stays bounded whatever the corpus. Which worker sees which
 * document is left to chance: use it for work whose result does not depend on that, such as counting.
 * When every worker is a {@link LineBlockSink}, so is the sink that reading fills, and blocks of lines
 * go to the workers as they came.
 */
public final class DocumentFanOut {
  /** A batch is handed over once it holds this many chars, or {@link #BATCH_DOCUMENTS} documents. */
  private static final int BATCH_CHARS = 1 << 16;
  private static final int BATCH_DOCUMENTS = 1 << 10;
  private static final Object[] END = new Object[0];

  private DocumentFanOut() {}

  /** Reads documents into a sink and returns what it read. */
  @FunctionalInterface
  public interface Reading<R> {
    R readInto(DocumentSink sink) throws IOException;
  }

  /**
   * Runs {@code reading} on this thread and hands its documents to {@code workers}, each on a thread
   * of its own (with one worker, on this thread); returns once every document has been handled.
   *
   * @throws IOException what reading threw, or an {@link InterruptedIOException} if interrupted
   * @throws RuntimeException what a worker threw (the first), after every thread has stopped; an
   *     {@link Error} such as running out of memory is thrown as it is
   */
  public static <R> R run(List<? extends DocumentSink> workers, Reading<R> reading) throws IOException {
    if (workers.size() == 1) return reading.readInto(workers.get(0));
    BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(2 * workers.size());
    Failure failure = new Failure();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      DocumentSink worker = workers.get(i);
      Thread thread = new Thread(() -> drain(queue, worker, failure), "toksmith-worker-" + (i + 1));
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    Batcher batcher = takeBlocks(workers) ? new BlockBatcher(queue, failure) : new Batcher(queue, failure);
    R result;
    try {
      result = reading.readInto(batcher);
      batcher.flush();
    } catch (WorkerFailedException e) {
      stop(queue, threads);
      throw failure.rethrown();
    } catch (IOException | RuntimeException | Error e) {
      failure.stopped = true;
      stop(queue, threads);
      throw e;
    }
    stop(queue, threads);
    if (failure.error != null) throw failure.rethrown();
    return result;
  }

  private static boolean takeBlocks(List<? extends DocumentSink> workers) {
    for (DocumentSink worker : workers) if (!(worker instanceof LineBlockSink)) return false;
    return true;
  }

  /** Lets the workers finish the batches queued so far (unless stopped) and waits for them. */
  private static void stop(BlockingQueue<Object[]> queue, List<Thread> threads) throws InterruptedIOException {
    try {
      for (int i = 0; i < threads.size(); i++) queue.put(END);
      for (Thread thread : threads) thread.join();
    } catch (InterruptedException e) {
      for (Thread thread : threads) thread.interrupt();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handling documents");
    }
  }

  private static void drain(BlockingQueue<Object[]> queue, DocumentSink worker, Failure failure) {
    try {
      for (Object[] batch = queue.take(); batch != END; batch = queue.take()) {
        if (failure.stopped) continue; // keep taking, so that the reader never blocks on a full queue
        try {
          for (Object item : batch) {
            if (item == null) break;
            if (item instanceof String document) {
              worker.accept(document);
            } else {
              ((LineBlockSink) worker).acceptLines((byte[]) item);
            }
          }
        } catch (RuntimeException | Error e) {
          failure.record(e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The first failure of any worker; once set, or once reading failed, workers skip their batches. */
  private static final class Failure {
    volatile boolean stopped;
    Throwable error;

    synchronized void record(Throwable e) {
      if (error == null) error = e;
      stopped = true;
    }

    /** The failure to throw on the reading thread: a RuntimeException or Error as it is. */
    synchronized RuntimeException rethrown() {
      if (error instanceof Error e) throw e;
      return error instanceof RuntimeException r ? r : new IllegalStateException("a worker failed", error);
    }
  }

  /** Collects documents into batches and queues them. */
  private static class Batcher implements DocumentSink {
    private final BlockingQueue<Object[]> queue;
    private final Failure failure;
    private Object[] batch = new Object[BATCH_DOCUMENTS];
    private int count;
    private int chars;

    Batcher(BlockingQueue<Object[]> queue, Failure failure) {
      this.queue = queue;
      this.failure = failure;
    }

    @Override
    public void accept(String document) {
      batch[count++] = document;
      chars += document.length();
      if (count == batch.length || chars >= BATCH_CHARS) flush();
    }

    /** Queues {@code block} as a batch of its own, after the documents before it. */
    void queueAlone(byte[] block) {
      flush();
      batch[count++] = block;
      flush();
    }

    void flush() {
      if (count == 0) return;
      if (count < batch.length) Arrays.fill(batch, count, batch.length, null);
      try {
        queue.put(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while handing out documents", e);
      }
      if (failure.stopped) throw new WorkerFailedException();
      batch = new Object[BATCH_DOCUMENTS];
      count = 0;
      chars = 0;
    }
  }

  /** A batcher that also queues blocks of lines, each a batch of its own. */
  private static final class BlockBatcher extends Batcher implements LineBlockSink {
    BlockBatcher(BlockingQueue<Object[]> queue, Failure failure) {
      super(queue, failure);
    }

    @Override
    public void acceptLines(byte[] utf8) {
      queueAlone(utf8);
    }
  }

  /** Ends reading early once a worker failed; {@link #run} then throws the worker's failure. */
  private static final class WorkerFailedException extends RuntimeException {
    WorkerFailedException() {
      super(null, null, false, false);
    }
  }
}
