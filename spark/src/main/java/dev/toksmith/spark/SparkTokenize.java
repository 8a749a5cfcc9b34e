package dev.toksmith.spark;

import dev.toksmith.cli.Main;

/**
 * The Spark job: {@code train} and {@code encode} of the command line, run on a Spark cluster or in
 * local mode.
 *
 * <pre>
 * spark-submit --class dev.toksmith.spark.SparkTokenize toksmith-spark.jar train|encode ...
 * java -jar spark/target/toksmith-spark-local.jar train|encode --master local[*] ...
 * </pre>
 *
 * {@code train} is the command line's own, with its options, trainers and summary, counting words on
 * the executors instead of on local threads, so the tokenizer is byte for byte the one {@code
 * toksmith train} learns from the same documents. {@code encode} gives every document the ids {@code
 * toksmith encode} gives it and writes them as Parquet.
 */
public final class SparkTokenize {
  /** The command's name in help and error lines. */
  static final String NAME = "toksmith-spark";

  private SparkTokenize() {}

  public static void main(String[] args) {
    Main.Streams streams = Main.standardStreams();
    int code = run(streams, args);
    streams.out().flush();
    streams.err().flush();
    System.exit(code);
  }

  /** Runs the job's command line on {@code streams}; returns the exit status (0, 1 bad input, 2 usage). */
  static int run(Main.Streams streams, String... args) {
    SparkWordCounting counting = new SparkWordCounting();
    SparkEncodeCommand encode = new SparkEncodeCommand(streams.out());
    try {
      return Main.run(streams, NAME, counting, cli -> {
        cli.getSubcommands().get("train").addMixin("spark", counting.spark).addMixin("counting", counting);
        cli.addSubcommand(encode);
      }, args);
    } finally {
      counting.spark.stop();
      encode.spark.stop();
    }
  }
}
