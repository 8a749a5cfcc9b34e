package dev.toksmith.cli;

import dev.toksmith.SentencePieceTrainer;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.SentencePieceTrainingResult;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --type unigram|sp-bpe}: SentencePiece's trainers, with {@code spm_train}'s option names
 * (dashes for underscores) and defaults. A mixin of {@link TrainCommand}, which reads the corpus and
 * output options.
 */
final class SentencePieceTrainOptions {
  static final String UNIGRAM = "unigram";
  static final String BPE = "sp-bpe";
  /** The options of {@link TrainCommand} these types take. */
  private static final Set<String> COMMON = Set.of("--type", "--vocab-size", "--threads", "--output", "--jsonl-field", "--verbose");
  private static final Set<String> UNIGRAM_ONLY = Set.of("--seed-size", "--shrinking-factor", "--num-sub-iterations");
  private static final Set<String> OWN = Set.of("--character-coverage", "--byte-fallback", "--split-digits", "--max-piece-length", "--normalization",
      "--user-defined-symbols", "--input-sentence-size", "--shuffle-input-sentence", "--treat-whitespace-as-suffix", "--add-dummy-prefix",
      "--remove-extra-whitespaces", "--allow-whitespace-only-pieces", "--split-by-unicode-script", "--split-by-number", "--max-sentence-length");

  Double characterCoverage;
  Boolean byteFallback;
  Boolean splitDigits;
  Integer maxPieceLength;
  String normalization;
  List<String> userDefinedSymbols;
  Long inputSentenceSize;
  Boolean shuffleInputSentence;
  Integer seedSize;
  Double shrinkingFactor;
  Integer numSubIterations;
  Boolean treatWhitespaceAsSuffix;
  Boolean addDummyPrefix;
  Boolean removeExtraWhitespaces;
  Boolean allowWhitespaceOnlyPieces;
  Boolean splitByUnicodeScript;
  Boolean splitByNumber;
  Integer maxSentenceLength;

  /** Adds these options to {@code train}'s model. */
  void addTo(CommandSpec spec) {
    spec.addOption(FieldOptions.option(this, "characterCoverage", "--character-coverage").paramLabel("X")
        .description("With --type unigram|sp-bpe: share of character occurrences the kept characters cover, 0.98 to 1; rarer characters are unknown (default: 0.9995).")
        .build());
    spec.addOption(FieldOptions.option(this, "byteFallback", "--byte-fallback").negatable(true)
        .description("With --type unigram|sp-bpe: add the 256 byte pieces <0x00>..<0xFF>, which spell unknown characters (default: off).")
        .build());
    spec.addOption(FieldOptions.option(this, "splitDigits", "--split-digits").negatable(true)
        .description("With --type unigram|sp-bpe: every digit a piece of its own (default: off).")
        .build());
    spec.addOption(FieldOptions.option(this, "maxPieceLength", "--max-piece-length").paramLabel("N")
        .description("With --type unigram|sp-bpe: longest piece, in characters (default: 16).")
        .build());
    spec.addOption(FieldOptions.option(this, "normalization", "--normalization").paramLabel("RULE")
        .description("With --type unigram|sp-bpe: nmt_nfkc, nfkc, nmt_nfkc_cf, nfkc_cf or identity (default: nmt_nfkc).")
        .build());
    spec.addOption(FieldOptions.option(this, "userDefinedSymbols", "--user-defined-symbols").paramLabel("SYMBOL").splitRegex(",")
        .description("With --type unigram|sp-bpe: pieces always kept whole, comma-separated, at the ids after <unk> <s> </s>.")
        .build());
    spec.addOption(FieldOptions.option(this, "inputSentenceSize", "--input-sentence-size").paramLabel("N")
        .description("With --type unigram|sp-bpe: train on at most N sentences, a fixed random sample (default: 0, all).")
        .build());
    spec.addOption(FieldOptions.option(this, "shuffleInputSentence", "--shuffle-input-sentence").negatable(true)
        .description("With --input-sentence-size: sample at random (default), or take the first N.")
        .build());
    spec.addOption(FieldOptions.option(this, "seedSize", "--seed-size").paramLabel("N")
        .description("With --type unigram: seed pieces taken from the frequent substrings (default: 1000000).")
        .build());
    spec.addOption(FieldOptions.option(this, "shrinkingFactor", "--shrinking-factor").paramLabel("X")
        .description("With --type unigram: share of pieces each pruning keeps, 0.5 to 0.95 (default: 0.75).")
        .build());
    spec.addOption(FieldOptions.option(this, "numSubIterations", "--num-sub-iterations").paramLabel("N")
        .description("With --type unigram: EM iterations between prunings, 1 to 10 (default: 2).")
        .build());
    spec.addOption(FieldOptions.option(this, "treatWhitespaceAsSuffix", "--treat-whitespace-as-suffix").negatable(true)
        .description("With --type unigram|sp-bpe: the whitespace piece \u2581 ends pieces instead of starting them (default: off).")
        .build());
    spec.addOption(FieldOptions.option(this, "addDummyPrefix", "--add-dummy-prefix").negatable(true)
        .description("With --type unigram|sp-bpe: put a \u2581 before each sentence (default: on).")
        .build());
    spec.addOption(FieldOptions.option(this, "removeExtraWhitespaces", "--remove-extra-whitespaces").negatable(true)
        .description("With --type unigram|sp-bpe: drop leading, trailing and repeated spaces (default: on).")
        .build());
    spec.addOption(FieldOptions.option(this, "allowWhitespaceOnlyPieces", "--allow-whitespace-only-pieces").negatable(true)
        .description("With --type unigram|sp-bpe: runs of \u2581 may be pieces (default: off).")
        .build());
    spec.addOption(FieldOptions.option(this, "splitByUnicodeScript", "--split-by-unicode-script").negatable(true)
        .description("With --type unigram|sp-bpe: no piece mixes scripts (default: on).")
        .build());
    spec.addOption(FieldOptions.option(this, "splitByNumber", "--split-by-number").negatable(true)
        .description("With --type unigram|sp-bpe: digits count as a script of their own (default: on).")
        .build());
    spec.addOption(FieldOptions.option(this, "maxSentenceLength", "--max-sentence-length").paramLabel("BYTES")
        .description("With --type unigram|sp-bpe: skip longer sentences, in UTF-8 bytes (default: 4192).")
        .build());
  }

  static boolean handles(String type) {
    return type.equals(UNIGRAM) || type.equals(BPE);
  }

  /** Rejects these types' options for the other types. */
  static void rejectFor(TrainCommand command) {
    for (OptionSpec option : command.spec.commandLine().getParseResult().matchedOptions()) {
      String name = option.longestName();
      if (UNIGRAM_ONLY.contains(name)) throw usage(command, name + " applies to --type " + UNIGRAM + " only");
      if (OWN.contains(name)) throw usage(command, name + " applies to --type " + UNIGRAM + " and " + BPE + " only");
    }
  }

  /** Trains, saves and prints a summary. */
  int train(TrainCommand command) throws Exception {
    boolean unigram = command.type.equals(UNIGRAM);
    for (OptionSpec option : command.spec.commandLine().getParseResult().matchedOptions()) {
      String name = option.longestName();
      if (UNIGRAM_ONLY.contains(name) && !unigram) throw usage(command, name + " applies to --type " + UNIGRAM + " only");
      if (!COMMON.contains(name) && !OWN.contains(name) && !UNIGRAM_ONLY.contains(name) && !command.main.frontEndOptions.contains(name)) {
        throw usage(command, name + " does not apply to --type " + command.type);
      }
    }
    if (Boolean.TRUE.equals(treatWhitespaceAsSuffix) && !command.output.toString().endsWith(".model")) {
      throw usage(command, "--treat-whitespace-as-suffix needs --output FILE.model: tokenizer.json cannot express it");
    }
    // A corpus that does not support the settings (too small a vocabulary for its characters, or too few pieces) fails with one line.
    TrainingRun<SentencePieceTrainer, SentencePieceTrainingResult> run =
        TrainingRun.run(command, progress -> settings(command, unigram).threads(command.threads).progress(progress).build(), (SentencePieceTrainer trainer) -> command.train(trainer));
    SentencePieceTrainingResult result = run.result();
    // Standard output gets tokenizer.json (a name is what asks for a .model); the summary is a message, on standard error.
    if (OutputFile.isStdout(command.output)) command.save(result.tokenizer());
    else Tokenizers.save(result.tokenizer(), command.output);
    Output out = command.main.streams.err();
    out.println("trained a " + (unigram ? "Unigram" : "SentencePiece BPE") + " model of " + result.tokenizer().vocabSize() + " pieces in " + run.secondsText() + " s");
    out.println("corpus: " + TrainingRun.corpusName(command) + ", " + result.corpus().documents() + " documents, " + result.corpus().bytes() + " bytes; "
        + result.sentences() + " sentences, " + result.distinctWords() + " distinct words");
    if (result.skippedSentences() > 0) {
      out.println("skipped " + result.skippedSentences() + " sentences longer than the maximum sentence length or holding U+2585");
    }
    out.println("characters: " + result.characters() + " kept, covering " + Decimals.fixed(100 * result.coverage(), 4) + "% of occurrences");
    TrainingRun.printInvalidUtf8(out, result.corpus());
    out.println("wrote " + OutputFile.name(command.output));
    return 0;
  }

  private SentencePieceTrainer.Builder settings(TrainCommand command, boolean unigram) {
    SentencePieceTrainer.Builder b = unigram ? SentencePieceTrainer.unigram() : SentencePieceTrainer.bpe();
    if (command.spec.commandLine().getParseResult().hasMatchedOption("--vocab-size")) b.vocabSize(command.vocabSize);
    if (characterCoverage != null) b.characterCoverage(characterCoverage);
    if (byteFallback != null) b.byteFallback(byteFallback);
    if (splitDigits != null) b.splitDigits(splitDigits);
    if (maxPieceLength != null) b.maxPieceLength(maxPieceLength);
    if (normalization != null) b.normalization(normalization);
    if (userDefinedSymbols != null) b.userDefinedSymbols(userDefinedSymbols);
    if (inputSentenceSize != null) b.inputSentenceSize(inputSentenceSize);
    if (shuffleInputSentence != null) b.shuffleInputSentence(shuffleInputSentence);
    if (seedSize != null) b.seedSize(seedSize);
    if (shrinkingFactor != null) b.shrinkingFactor(shrinkingFactor);
    if (numSubIterations != null) b.numSubIterations(numSubIterations);
    if (treatWhitespaceAsSuffix != null) b.treatWhitespaceAsSuffix(treatWhitespaceAsSuffix);
    if (addDummyPrefix != null) b.addDummyPrefix(addDummyPrefix);
    if (removeExtraWhitespaces != null) b.removeExtraWhitespaces(removeExtraWhitespaces);
    if (allowWhitespaceOnlyPieces != null) b.allowWhitespaceOnlyPieces(allowWhitespaceOnlyPieces);
    if (splitByUnicodeScript != null) b.splitByUnicodeScript(splitByUnicodeScript);
    if (splitByNumber != null) b.splitByNumber(splitByNumber);
    if (maxSentenceLength != null) b.maxSentenceLength(maxSentenceLength);
    return b;
  }

  private static ParameterException usage(TrainCommand command, String message) {
    return new ParameterException(command.spec.commandLine(), message);
  }
}
