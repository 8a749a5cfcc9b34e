package dev.toksmith.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;

/**
 * What a reader pushes (lines, archive entry by archive entry), handed out as an iterator, so that a
 * task streams its output to Spark instead of holding all of it: the reader runs on a thread of its own
 * and hands over batches through a small queue. The reader's failure is thrown by the iterator; a task
 * that ends early stops the reader.
 */
final class Pushed<T> implements Iterator<T> {
  private static final int BATCH = 256;

  /** Pushes every item into the sink, in order. */
  @FunctionalInterface
  interface Producer<T> {
    void produce(Consumer<T> sink) throws Exception;
  }

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
  private final Thread thread;
  private volatile boolean stopped;
  private Throwable failure;
  private List<T> batch = List.of();
  private int next;
  private boolean ended;

  private Pushed(Producer<T> producer) {
    thread = new Thread(() -> run(producer), "toksmith-reader");
    thread.setDaemon(true);
    TaskContext task = TaskContext.get();
    if (task != null) task.addTaskCompletionListener((TaskContext context) -> stop());
  }

  /** Starts {@code producer} and returns the iterator over what it pushes. */
  static <T> Iterator<T> of(Producer<T> producer) {
    Pushed<T> pushed = new Pushed<>(producer);
    pushed.thread.start();
    return pushed;
  }

  private void run(Producer<T> producer) {
    Batcher batcher = new Batcher();
    try {
      producer.produce(batcher);
      if (!batcher.items.isEmpty()) put(batcher.items);
      put(END);
    } catch (Stopped e) {
      // the task ended early; nobody listens
    } catch (Throwable e) {
      failure = e;
      try {
        put(END);
      } catch (Stopped ignored) {
        // nobody listens
      }
    }
  }

  /** Collects items into batches and queues each full one. */
  private final class Batcher implements Consumer<T> {
    List<T> items = new ArrayList<>(BATCH);

    @Override
    public void accept(T item) {
      items.add(item);
      if (items.size() == BATCH) {
        put(items);
        items = new ArrayList<>(BATCH);
      }
    }
  }

  private void put(Object item) {
    try {
      while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (stopped) throw new Stopped();
      }
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }

  private void stop() {
    stopped = true;
    thread.interrupt();
  }

  @Override
  public boolean hasNext() {
    while (next == batch.size()) {
      if (ended) return false;
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while reading", e);
      }
      if (item == END) {
        ended = true;
        if (failure != null) throw failure instanceof RuntimeException r ? r : new ReadFailedException(failure);
        return false;
      }
      @SuppressWarnings("unchecked")
      List<T> items = (List<T>) item;
      batch = items;
      next = 0;
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) throw new NoSuchElementException();
    return batch.get(next++);
  }

  /** Ends the reader's thread when the task is over. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  /** A checked failure of the reader, such as a corrupt input, carried out of the iterator. */
  static final class ReadFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadFailedException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
