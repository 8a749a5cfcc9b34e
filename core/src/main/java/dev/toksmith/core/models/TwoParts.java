package dev.toksmith.core.models;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs the two halves of a training step at once: the second on a thread of its own while the
 * caller runs the first, for steps that would otherwise leave the second processor idle. A thread
 * per step costs a fraction of a millisecond, nothing beside the steps it serves.
 */
public final class TwoParts {
  private TwoParts() {}

  /**
   * Runs {@code first} here and {@code second} on another thread when {@code parallel}, else both
   * here, one after the other; returns when both are done. A failure of either is thrown (the
   * caller's first, when both fail).
   */
  public static void run(boolean parallel, Runnable first, Runnable second) {
    if (!parallel) {
      first.run();
      second.run();
      return;
    }
    FutureTask<Void> task = new FutureTask<>(second, null);
    Thread thread = new Thread(task, "toksmith-training");
    thread.setDaemon(true);
    thread.start();
    try {
      first.run();
    } catch (RuntimeException | Error e) {
      task.cancel(false);
      throw e;
    }
    join(task);
  }

  private static void join(FutureTask<Void> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          task.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the other half works on shared arrays: it must end before this returns
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          if (e.getCause() instanceof Error err) throw err;
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}
