package dev.toksmith.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options that {@code train} and {@code encode} take in the Spark job beyond the command line's:
 * where Spark runs, how inputs are read and cut. Also where the job's Spark session comes from: made
 * on first use, so that usage errors never start Spark.
 */
final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Where Spark runs: local[*] (every core here), local[N], yarn, k8s://HOST:PORT, spark://HOST:PORT (default: what spark-submit says).")
  String master;

  @Option(
      names = "--parquet-column",
      paramLabel = "NAME",
      description = "Inputs are Parquet files: each row's NAME column (a string) is one document.")
  String parquetColumn;

  @Option(
      names = "--split-size",
      paramLabel = "MB",
      description = "Read plain text and JSON lines files in parts of at most MB megabytes, cut at line ends, and Parquet files in "
          + "row groups of as much, one task each; parts are smaller when that gives every core one (not under 4 MB), and compressed "
          + "files are read whole (default: ${DEFAULT-VALUE}).")
  int splitMegabytes = 128;

  /** The session this job started, which it stops; null if none, or if it joined one already running. */
  private SparkSession started;

  /**
   * Checks the combination of options.
   *
   * @param jsonlField the command's --jsonl-field, or null
   * @throws IllegalArgumentException if they do not go together; the message is for the user
   */
  void check(String jsonlField) {
    if (parquetColumn != null && jsonlField != null) throw new IllegalArgumentException("--jsonl-field and --parquet-column do not go together: inputs are JSON lines or Parquet");
    if (splitMegabytes < 1) throw new IllegalArgumentException("--split-size must be at least 1 (MB): " + splitMegabytes);
    if (master == null && SparkSession.getDefaultSession().isEmpty() && !new SparkConf().contains("spark.master")) {
      throw new IllegalArgumentException("no Spark master: give --master local[*] to run here, or run through spark-submit");
    }
  }

  long splitBytes() {
    return (long) splitMegabytes << 20;
  }

  /** The Spark session: the one already running in this JVM (an application embedding the job), else a new one. */
  SparkSession session(String appName) {
    if (SparkSession.getDefaultSession().isDefined()) return SparkSession.getDefaultSession().get();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null) builder.master(master);
    started = builder.getOrCreate();
    return started;
  }

  /** Stops the session if this job started it. */
  void stop() {
    if (started != null) started.stop();
    started = null;
  }
}
