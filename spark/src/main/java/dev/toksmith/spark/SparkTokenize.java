package dev.toksmith.spark;

import dev.toksmith.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

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
    // Main.run flushes both streams, and a failed write makes the status 1.
    System.exit(run(Main.standardStreams(), args));
  }

  /** The command line's train, described as it runs here: on Spark, from files, without the options that do not apply. */
  private static void describeTrain(CommandSpec train) {
    train.usageMessage().description(
        "Train as toksmith train does (byte-level BPE, a --preset, or another --type), counting the words (the sentences, for unigram "
            + "and sp-bpe) of the inputs on the Spark executors; the tokenizer is the one toksmith train learns from the same documents. "
            + "The driver learns and writes it.");
    for (ArgSpec arg : java.util.List.copyOf(train.args())) {
      if (arg instanceof PositionalParamSpec input) {
        train.remove(input);
        train.addPositional(PositionalParamSpec.builder(input).arity("1..*").required(true).description(
            "Files or directories (read recursively) on any file system Spark reads (local paths, hdfs://, s3a://). "
                + "Each line (with its newline) is one document; compressed files and archives are read as toksmith train reads them.").build());
      } else if (arg instanceof OptionSpec option && HIDDEN.contains(option.longestName())) {
        train.remove(option);
        train.addOption(OptionSpec.builder(option).hidden(true).build());
      } else if (arg instanceof OptionSpec option && option.longestName().equals("--type")) {
        train.remove(option);
        train.addOption(OptionSpec.builder(option).description("bpe (byte-level BPE), wordpiece (BERT WordPiece), wordlevel (one token per word), "
            + "unigram (SentencePiece's Unigram) or sp-bpe (SentencePiece's BPE) (default: ${DEFAULT-VALUE}).").build());
      }
    }
  }

  /** Options of the command line's train that do nothing here: the executors count, and --type unicode is the command line's only. */
  private static final java.util.Set<String> HIDDEN = java.util.Set.of("--threads", "--ngrams", "--per-script");

  /** Runs the job's command line on {@code streams}; returns the exit status (0, 1 bad input, 2 usage). */
  static int run(Main.Streams streams, String... args) {
    SparkWordCounting counting = new SparkWordCounting();
    SparkEncodeCommand encode = new SparkEncodeCommand(streams.err());
    try {
      return Main.run(streams, NAME, counting, cli -> {
        cli.getCommandSpec().usageMessage().description("Train and encode as toksmith does, with the work spread over Apache Spark executors.")
            .footer("", "'" + NAME + " COMMAND --help' describes a command. Exit status: 0 on success, 1 on bad input, 2 on a usage error.");
        CommandLine train = cli.getSubcommands().get("train");
        describeTrain(train.getCommandSpec());
        train.addMixin("spark", counting.spark).addMixin("counting", counting);
        cli.addSubcommand(encode);
      }, args);
    } finally {
      counting.spark.stop();
      encode.spark.stop();
    }
  }
}
