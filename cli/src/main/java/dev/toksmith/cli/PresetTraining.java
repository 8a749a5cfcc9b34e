package dev.toksmith.cli;

import dev.toksmith.Corpus;
import dev.toksmith.DomainBpeTrainer;
import dev.toksmith.NamedTokenizer;
import dev.toksmith.TermFertility;
import dev.toksmith.TokenizerComparison;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.CorpusException;
import dev.toksmith.api.DomainTrainingResult;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.terms.TermLists;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --preset kl3m|kl3m-char}, and the main job that {@code train} without arguments runs:
 * a kl3m tokenizer trained on the bundled legal and government samples, compared with cl100k_base and
 * o200k_base on a sample held back from training.
 */
final class PresetTraining {
  /** The main job's vocabulary size: room for the custom tokens and what the small corpus supports. */
  static final int MAIN_JOB_VOCAB_SIZE = 8192;
  /** Held back from the main job's training, and compared on. */
  static final String HELD_OUT_SAMPLE = "us-declaration-of-independence";
  static final List<String> TRAINING_GROUPS = List.of("legal", "government");
  static final List<String> BASELINES = List.of("cl100k_base", "o200k_base");
  private static final int WORST_TERMS = 3;
  /** Padding beyond this share of the vocabulary asked for gets a warning. */
  private static final double PADDING_WARNING = 0.10;

  private final TrainCommand command;
  private final PresetOptions options;

  PresetTraining(TrainCommand command) {
    this.command = command;
    this.options = command.presets;
  }

  /** Rejects the preset-only options on a plain {@code train}. */
  static void checkPlain(TrainCommand command) {
    PresetOptions o = command.presets;
    String misplaced = o.uncased ? "--uncased" : o.cased ? "--cased"
        : o.padToPowerOfTwo ? "--pad-to-power-of-two" : o.customTokens != null ? "--custom-tokens" : null;
    if (misplaced != null) throw usage(command, misplaced + " needs --preset");
  }

  /** {@code train --preset ...}. */
  int run() throws IOException {
    boolean chars = options.preset == PresetOptions.Preset.kl3m_char;
    if (!command.normalizers.isEmpty()) throw usage(command, "--normalizer does not combine with --preset (use --cased or --uncased)");
    boolean sizeGiven = command.spec.commandLine().getParseResult().hasMatchedOption("--vocab-size");
    int vocabSize = sizeGiven ? command.vocabSize : chars ? 4096 : 32768;

    DomainBpeTrainer.Builder settings = chars ? DomainBpeTrainer.kl3mChar() : DomainBpeTrainer.kl3m().domainTerms(TermLists.reporterAbbreviations());
    if (options.customTokens != null) settings.customTokens(readCustomTokens());
    settings.vocabSize(vocabSize).lowercase(options.uncased).padToPowerOfTwo(options.padToPowerOfTwo).minFrequency(command.minFrequency)
        .specialTokens(command.specialTokens);
    if (options.maxTokenLength != null) settings.maxTokenLength(options.maxTokenLength);
    train(settings, vocabSize, command::train, options.preset.label() + (options.uncased ? " uncased" : ""), TrainingRun.corpusName(command));
    return 0;
  }

  /** {@code train} with no arguments: refuses to overwrite a tokenizer a user may have made, before any work. */
  int mainJob() throws IOException {
    if (Files.exists(command.output, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(command.output + " exists already, and the main job does not overwrite it: remove it, or train with arguments, "
          + "which write where -o says (e.g. toksmith train --preset kl3m --vocab-size " + MAIN_JOB_VOCAB_SIZE + " -o FILE INPUT...)");
    }
    List<Sample> training = new ArrayList<>();
    for (String group : TRAINING_GROUPS) for (Sample s : Samples.group(group)) if (!s.name().equals(HELD_OUT_SAMPLE)) training.add(s);
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : training) sources.add(new Corpus.Source("sample " + s.name(), s::open));
    DomainBpeTrainer.Builder settings = DomainBpeTrainer.kl3m().domainTerms(TermLists.reporterAbbreviations()).vocabSize(MAIN_JOB_VOCAB_SIZE);
    String corpusName = String.join(" and ", TRAINING_GROUPS) + " samples without " + HELD_OUT_SAMPLE + " (" + training.size() + " texts)";
    Corpus corpus = Corpus.ofSources(sources);
    train(settings, MAIN_JOB_VOCAB_SIZE, trainer -> trainer.train(corpus), "kl3m", corpusName);

    var out = command.main.streams.out();
    out.println();
    out.println("Compared on the held-back sample " + HELD_OUT_SAMPLE + " (" + String.join(", ", BASELINES) + " for reference):");
    out.println();
    out.print(compare());
    return 0;
  }

  /** How the trainer reads its documents: the command's inputs, or the main job's samples. */
  @FunctionalInterface
  private interface Training {
    DomainTrainingResult run(DomainBpeTrainer trainer) throws IOException;
  }

  /** Trains and saves; {@code vocabSize} is the size asked for, before any power-of-two padding. */
  private void train(DomainBpeTrainer.Builder settings, int vocabSize, Training training, String presetName, String corpusName) throws IOException {
    TrainingRun<DomainBpeTrainer, DomainTrainingResult> run = TrainingRun.run(command, progress -> build(settings.progress(progress)), training::run);
    DomainBpeTrainer trainer = run.trainer();
    DomainTrainingResult result = run.result();
    command.save(result.tokenizer());
    double seconds = run.seconds();
    var out = command.main.streams.err();
    int specials = trainer.specialTokens().size();
    out.printf(Locale.ROOT, "trained %d tokens with preset %s in %.1f s: %d special, 256 byte, %d merged, %d custom (+%d learned by BPE), %d padding%n",
        result.tokenizer().vocabSize(), presetName, seconds, specials, result.tokenizer().vocabSize() - specials - 256 - result.customAdded() - result.padding(),
        result.customAdded(), result.customLearned(), result.padding());
    out.printf(Locale.ROOT, "corpus: %s, %d documents, %d bytes, %d distinct words%n", corpusName, result.corpus().documents(), result.corpus().bytes(), result.distinctWords());
    TrainingRun.printInvalidUtf8(out, result.corpus());
    if (trainer.maxTokenLength() > 0) out.printf(Locale.ROOT, "longest merged token: %d bytes at most%n", trainer.maxTokenLength());
    // Padding up to --vocab-size means the corpus ran out of merges; --pad-to-power-of-two's is asked for.
    int shortfall = result.padding() - Math.max(0, result.tokenizer().vocabSize() - vocabSize);
    if (shortfall > PADDING_WARNING * vocabSize) {
      out.printf(Locale.ROOT, "warning: %d of the %d entries (%.0f%%) are padding (runs of spaces and newlines): the corpus supports too few merges; "
          + "train on more text, lower --min-frequency, or ask for a smaller --vocab-size%n", shortfall, vocabSize, 100.0 * shortfall / vocabSize);
    }
    out.println("wrote " + OutputFile.name(command.output));
  }

  /** Builds the trainer; the preset's limits are usage errors in the words of this command's options. */
  private DomainBpeTrainer build(DomainBpeTrainer.Builder settings) {
    try {
      return settings.threads(command.threads).build();
    } catch (DomainBpeTrainer.PresetLimitException e) {
      throw usage(command, switch (e.limit()) {
        case CUSTOM_TOKENS -> "kl3m-char takes no custom tokens";
        case PADDING -> "kl3m-char sizes are powers of two already; drop --pad-to-power-of-two";
        case VOCAB_SIZE -> "kl3m-char needs --vocab-size 4096, 8192 or 16384";
      });
    }
  }

  /** The compare table: the trained tokenizer against the baselines on the held-back sample. */
  private String compare() throws IOException {
    String trained = command.output.toString();
    List<NamedTokenizer> tokenizers = new ArrayList<>();
    tokenizers.add(new NamedTokenizer(trained, Tokenizers.load(command.output)));
    for (String b : BASELINES) tokenizers.add(new NamedTokenizer(b, Tokenizers.load(b)));
    TokenizerComparison comparison = new TokenizerComparison(tokenizers);
    TokenizerComparison.Dataset dataset = comparison.startDataset(HELD_OUT_SAMPLE);
    dataset.accept(Samples.byName(HELD_OUT_SAMPLE).text());
    dataset.finish();
    Map<String, List<TermFertility>> terms = new LinkedHashMap<>();
    List<TermFertility> legal = new ArrayList<>();
    for (NamedTokenizer t : tokenizers) legal.add(TermFertility.measure(t.name(), t.tokenizer(), TermLists.legal()));
    terms.put("legal", legal);
    CompareReport report = new CompareReport(comparison.results(), BASELINES.get(BASELINES.size() - 1), terms, List.of(), WORST_TERMS, List.of());
    return report.render(CompareReport.Format.table);
  }

  /** One custom token per line, verbatim; empty lines skipped. */
  private List<String> readCustomTokens() throws IOException {
    String text;
    try {
      text = Files.readString(options.customTokens);
    } catch (CharacterCodingException e) {
      throw new CorpusException(options.customTokens + ": not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    Set<String> tokens = new LinkedHashSet<>();
    for (String line : text.split("\n", -1)) {
      String token = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (!token.isEmpty()) tokens.add(token);
    }
    return List.copyOf(tokens);
  }

  private static ParameterException usage(TrainCommand command, String message) {
    return new ParameterException(command.spec.commandLine(), message);
  }
}
