package dev.toksmith.core.concurrent;

import java.util.concurrent.CancellationException;

/**
 * Runs a part of some work on a thread of its own while the caller does the rest: for steps that would
 * otherwise leave the second processor idle (the two halves of a sort while training, the vocabulary
 * and the merges while loading a large file). A thread per part costs a fraction of a millisecond,
 * nothing beside the parts it serves; a thread of its own rather than a pool's, since parts may wait
 * on each other, which a pool's few threads could not all serve.
 *
 * <p>The rules, the same for every caller:
 *
 * <ul>
 *   <li><b>The failure thrown is the one that running the parts one after the other would throw</b>:
 *       the caller's part's, else the other's, as it was thrown (a checked {@code E} too); when both
 *       fail, the other's is added to the caller's as suppressed. Not the first in time: which part
 *       fails first varies from run to run, and a file with two faults should always be reported by
 *       its first one, as it is on one processor, where the parts do run one after the other.
 *   <li><b>No part outlives the call that gives it up</b>: when the caller's part fails, or a started
 *       part is {@linkplain Started#cancel cancelled}, the other part is interrupted and then awaited
 *       before the call returns or throws. Parts work on arrays they share with the caller (the two
 *       halves of one sort): one still running after the caller has moved on could write into them,
 *       and would hold a processor the caller believes free. A part that does not check interrupts
 *       runs to its end first; that is the price of the guarantee.
 *   <li><b>An interrupt stops the work</b>: a caller interrupted while it waits for a part (or
 *       already interrupted when it starts waiting) interrupts that part, awaits it as above, sets its
 *       own interrupt status again and throws {@link IllegalStateException} (with the {@link
 *       InterruptedException} as its cause), as toksmith's other multi-threaded steps do; the work
 *       is not finished with the interrupt swallowed.
 * </ul>
 *
 * <p>Without {@code parallel} (a caller told to use one thread), or on one processor for {@link
 * #start(Part)}, a part runs on the caller's thread when its result is asked for, and is never run
 * when it is cancelled first.
 */
public final class Alongside {
  /** A part that may fail with {@code E} (malformed input, say). */
  @FunctionalInterface
  public interface Part<T, E extends Exception> {
    T run() throws E;
  }

  private Alongside() {}

  /** Whether a part started with {@link #start(Part)} gets a thread: more than one processor. */
  private static boolean parallel() {
    return Runtime.getRuntime().availableProcessors() > 1;
  }

  /** A part started on another thread, or left to run when its result is asked for. */
  public static final class Started<T, E extends Exception> {
    /** The part, while it is still to run on the caller's thread; null once run, cancelled or on a thread. */
    private Part<T, ? extends E> part;
    private final Thread thread;
    private boolean cancelled;
    // Written by the part's thread, read after it has ended (Thread.join orders the two).
    private T result;
    private Throwable failure;

    private Started(boolean parallel, Part<T, ? extends E> part) {
      if (!parallel) {
        this.part = part;
        this.thread = null;
        return;
      }
      this.thread = new Thread(() -> {
        try {
          result = part.run();
        } catch (Throwable t) {
          failure = t;
        }
      }, "toksmith-alongside");
      thread.setDaemon(true);
      thread.start();
    }

    /**
     * The part's result, or its failure as it threw it.
     *
     * @throws CancellationException if the part was cancelled
     * @throws IllegalStateException if this thread is interrupted (see {@link Alongside})
     */
    public T join() throws E {
      if (cancelled) throw new CancellationException("the part was cancelled");
      if (thread == null) {
        if (part != null) {
          Part<T, ? extends E> now = part;
          part = null;
          try {
            result = now.run();
          } catch (Throwable t) {
            failure = t;
          }
        }
      } else {
        try {
          thread.join();
        } catch (InterruptedException e) {
          cancel();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for work alongside", e);
        }
      }
      if (failure != null) throw Alongside.<E>rethrown(failure);
      return result;
    }

    /**
     * Gives up a part whose result is no longer wanted: interrupts it and returns once it has ended
     * (a part not started yet never runs). Its result or failure is dropped.
     */
    public void cancel() {
      cancelled = true;
      part = null;
      if (thread == null) return;
      thread.interrupt();
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the part must end before this returns; the status is set again below
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
    }

    /** {@link #cancel}, then the part's failure, if it failed (before or because of the cancel). */
    private Throwable cancelledFailure() {
      cancel();
      return failure;
    }
  }

  /** Starts {@code part} on a thread of its own, or on one processor leaves it for {@link Started#join}. */
  public static <T, E extends Exception> Started<T, E> start(Part<T, ? extends E> part) {
    return start(parallel(), part);
  }

  /** Starts {@code part} on a thread of its own when {@code parallel}, else leaves it for {@link Started#join}. */
  static <T, E extends Exception> Started<T, E> start(boolean parallel, Part<T, ? extends E> part) {
    return new Started<>(parallel, part);
  }

  /**
   * Runs {@code other} on another thread while the caller runs {@code mine}, on more than one
   * processor; returns both results. Failures and interrupts: see {@link Alongside}.
   */
  public static <A, B, E extends Exception> Both<A, B> run(Part<A, ? extends E> mine, Part<B, ? extends E> other) throws E {
    return run(parallel(), mine, other);
  }

  /**
   * Runs {@code other} on another thread while the caller runs {@code mine} when {@code parallel},
   * else both here, {@code mine} first; returns both results. Failures and interrupts: see {@link
   * Alongside}.
   */
  public static <A, B, E extends Exception> Both<A, B> run(boolean parallel, Part<A, ? extends E> mine, Part<B, ? extends E> other) throws E {
    Started<B, E> forked = new Started<>(parallel, other);
    A a;
    try {
      a = mine.run();
    } catch (Exception | Error e) {
      Throwable second = forked.cancelledFailure();
      if (second != null && second != e) e.addSuppressed(second);
      throw e;
    }
    return new Both<>(a, forked.join());
  }

  /** {@link #run(boolean, Part, Part)} for two parts without results. */
  public static void run(boolean parallel, Runnable mine, Runnable other) {
    run(parallel, () -> {
      mine.run();
      return null;
    }, () -> {
      other.run();
      return null;
    });
  }

  /** The results of both parts. */
  public record Both<A, B>(A mine, B other) {}

  /** {@code t} thrown as it is: unchecked, or the part's checked {@code E}. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrown(Throwable t) throws E {
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error err) throw err;
    throw (E) t;
  }
}
