package dev.toksmith.cli;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import picocli.CommandLine.ParameterException;

/**
 * What every {@code train} type does around its trainer: build it with progress on standard error
 * (its settings' faults are usage errors), train with the progress line finished however training
 * ends, and the summary lines they share.
 *
 * @param trainer the trainer built
 * @param result what it trained
 * @param started {@link System#nanoTime} when training started
 */
record TrainingRun<T, R>(T trainer, R result, long started) {

  /** Builds a trainer, told where to report progress. */
  @FunctionalInterface
  interface Build<T> {
    T build(TrainingProgress progress);
  }

  /** Trains with a built trainer. */
  @FunctionalInterface
  interface Train<T, R> {
    R train(T trainer) throws IOException;
  }

  /** Builds the trainer (an {@link IllegalArgumentException} is a usage error of {@code command}) and trains with it. */
  static <T, R> TrainingRun<T, R> run(TrainCommand command, Build<T> build, Train<T, R> train) throws IOException {
    Progress progress = new Progress(command.main.streams.err(), command.main.streams.stderrIsTerminal());
    T trainer;
    try {
      trainer = build.build(progress::update);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.spec.commandLine(), e.getMessage());
    }
    long started = System.nanoTime();
    R result;
    try {
      result = train.train(trainer);
    } finally {
      progress.finish();
    }
    return new TrainingRun<>(trainer, result, started);
  }

  /** Seconds since training started. */
  double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  /** {@link #seconds} to a tenth, as the summaries print it. */
  String secondsText() {
    return Decimals.fixed(seconds(), 1);
  }

  /** The corpus as the summary names it: the inputs, or the bundled samples. */
  static String corpusName(TrainCommand command) {
    return command.inputs.isEmpty() ? "bundled samples (" + Samples.all().size() + " texts)" : String.join(" ", command.inputs);
  }

  /** The summary line on invalid UTF-8 in the corpus, when it had any. */
  static void printInvalidUtf8(Output out, CorpusStats corpus) throws IOException {
    if (corpus.invalidUtf8Sequences() > 0) out.println("invalid UTF-8: " + corpus.invalidUtf8Sequences() + " sequences replaced with U+FFFD");
  }
}
