package dev.toksmith.spark;

import dev.toksmith.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the command line and the Spark job in this JVM, the job on one local[2] session that every
 * test shares (started once: a session takes seconds to start).
 */
final class Runs {
  private Runs() {}

  /** Exit status and what went to standard output and standard error. */
  record Result(int code, String out, String err) {
    /** Standard error (where the summary goes) without the one figure that differs from run to run, the time taken. */
    String errWithoutTime() {
      return err.replaceAll(" in [0-9.]+ s", " in _ s");
    }
  }

  static synchronized SparkSession session() {
    if (SparkSession.getDefaultSession().isEmpty()) {
      SparkSession.builder().master("local[2]").appName("toksmith-spark tests").config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }
    return SparkSession.getDefaultSession().get();
  }

  /** {@code toksmith ARGS}. */
  static Result cli(String... args) {
    return run(streams -> Main.run(streams, args));
  }

  /** {@code toksmith-spark ARGS}, on the shared session. */
  static Result spark(String... args) {
    session();
    return sparkAlone(args);
  }

  /** {@code toksmith-spark ARGS}, with no session started for it (for usage errors that must come before any). */
  static Result sparkAlone(String... args) {
    return run(streams -> SparkTokenize.run(streams, args));
  }

  private static Result run(java.util.function.ToIntFunction<Main.Streams> command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.applyAsInt(new Main.Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
