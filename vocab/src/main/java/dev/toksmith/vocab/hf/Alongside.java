package dev.toksmith.vocab.hf;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs two independent parts of loading a large file at once: loading runs before any encoding, so
 * the other processors are idle then.
 */
final class Alongside {
  /** A part that may fail with {@code E} (malformed input, say). */
  @FunctionalInterface
  interface Part<T, E extends Exception> {
    T run() throws E;
  }

  /** Carries the other part's checked exception across threads. */
  private static final class Failure extends RuntimeException {
    Failure(Exception cause) {
      super(cause);
    }
  }

  private Alongside() {}

  /**
   * Runs {@code other} on the common pool while the caller runs {@code mine}; returns both results.
   * When both fail, the caller's failure is the one thrown.
   */
  @SuppressWarnings("unchecked")
  static <A, B, E extends Exception> Both<A, B> run(Part<A, ? extends E> mine, Part<B, ? extends E> other) throws E {
    ForkJoinTask<B> forked = ForkJoinPool.commonPool().submit(() -> {
      try {
        return other.run();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new Failure(e);
      }
    });
    A a;
    try {
      a = mine.run();
    } catch (Exception | Error e) {
      forked.cancel(false);
      throw e;
    }
    try {
      return new Both<>(a, forked.join());
    } catch (Failure f) {
      throw (E) f.getCause();
    }
  }

  /** The results of both parts. */
  record Both<A, B>(A mine, B other) {}
}
