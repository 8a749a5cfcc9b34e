package dev.toksmith.vocab.hf;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs independent parts of loading a large file at once: loading runs before any encoding, so the
 * other processors are idle then. On one processor (a one-core container, or a JVM told {@code
 * -XX:ActiveProcessorCount=1}) every part runs on the caller's thread, when its result is asked for.
 */
final class Alongside {
  /** A part that may fail with {@code E} (malformed input, say). */
  @FunctionalInterface
  interface Part<T, E extends Exception> {
    T run() throws E;
  }

  private Alongside() {}

  /** A part started on another thread, or left to run when its result is asked for. */
  static final class Started<T, E extends Exception> {
    private final Part<T, ? extends E> part;
    private final FutureTask<T> task;

    private Started(T result) {
      this.part = () -> result;
      this.task = null;
    }

    private Started(Part<T, ? extends E> part) {
      this.part = part;
      this.task = Runtime.getRuntime().availableProcessors() == 1 ? null : new FutureTask<>(part::run);
      if (task != null) {
        // A thread of its own: parts may wait on each other, which a pool's few threads could not all serve.
        Thread thread = new Thread(task, "toksmith-loading");
        thread.setDaemon(true);
        thread.start();
      }
    }

    /** The part's result, or its failure as it threw it. */
    @SuppressWarnings("unchecked")
    T join() throws E {
      if (task == null) return part.run();
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) throw r;
        if (cause instanceof Error err) throw err;
        throw (E) cause;
      }
    }

    /** Gives up a part whose result is no longer wanted. */
    void cancel() {
      if (task != null) task.cancel(false);
    }
  }

  /** A part whose result is there already. */
  static <T, E extends Exception> Started<T, E> done(T result) {
    return new Started<>(result);
  }

  /** Starts {@code part} on a thread of its own (or, on one processor, leaves it for {@link Started#join}). */
  static <T, E extends Exception> Started<T, E> start(Part<T, ? extends E> part) {
    return new Started<>(part);
  }

  /**
   * Runs {@code other} on another thread while the caller runs {@code mine}; returns both results.
   * When both fail, the caller's failure is the one thrown.
   */
  static <A, B, E extends Exception> Both<A, B> run(Part<A, ? extends E> mine, Part<B, ? extends E> other) throws E {
    Started<B, E> forked = start(other);
    A a;
    try {
      a = mine.run();
    } catch (Exception | Error e) {
      forked.cancel();
      throw e;
    }
    return new Both<>(a, forked.join());
  }

  /** The results of both parts. */
  record Both<A, B>(A mine, B other) {}
}
