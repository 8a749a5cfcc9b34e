package dev.toksmith.spark;

import java.io.IOException;
import org.apache.spark.SparkException;

/**
 * Turns a failed Spark job into the one-line error the command line prints: the executor's own
 * failure (a corrupt input, a malformed JSON line, an unreadable file), not Spark's report around it.
 */
final class JobFailures {
  private JobFailures() {}

  /** A job's work, which Spark may fail. */
  @FunctionalInterface
  interface Job<T> {
    T run() throws IOException;
  }

  /** Runs {@code job}; a Spark failure comes out as the failure that caused it. */
  static <T> T explained(Job<T> job) throws IOException {
    try {
      return job.run();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Spark's actions throw SparkException, a checked exception they do not declare.
      if (e instanceof SparkException spark) throw cause(spark);
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The first failure in the chain that is not Spark's or the reading thread's wrapping, as an IOException. */
  static IOException cause(SparkException e) {
    Throwable cause = e;
    while ((cause instanceof SparkException || cause instanceof Pushed.ReadFailedException) && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException io) return io;
    String message = cause instanceof SparkException ? firstLine(cause.getMessage()) : cause.getMessage();
    return new IOException(message == null ? cause.getClass().getSimpleName() : message, cause);
  }

  private static String firstLine(String message) {
    if (message == null) return null;
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
