package dev.toksmith.cli;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.WordCountTrainer;
import dev.toksmith.WordCounts;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.Normalization;
import dev.toksmith.SentencePieceCounts;
import dev.toksmith.SentencePieceTrainer;
import dev.toksmith.api.SentencePieceTrainingResult;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code toksmith train}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class TrainCommand implements Callable<Integer> {
  static final String NAME = "train";

  Main main;
  CommandSpec spec;

  // Set by the command line (see spec); the mixed-in groups add their own.
  List<String> inputs = new ArrayList<>();
  int vocabSize;
  long minFrequency;
  List<String> specialTokens = new ArrayList<>();
  List<String> normalizers = new ArrayList<>();
  String jsonlField;
  int threads = Runtime.getRuntime().availableProcessors();
  Path output;
  String type;
  final PresetOptions presets = new PresetOptions();
  final SentencePieceTrainOptions sentencePiece = new SentencePieceTrainOptions();
  final UnicodeTrainOptions unicode = new UnicodeTrainOptions();
  final WordPieceTrainOptions wordPiece = new WordPieceTrainOptions();

  /** The model of {@code train} run under {@code main}: its help, options and parameters. */
  static CommandSpec spec(Main main) {
    TrainCommand command = new TrainCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description(
        "Train a byte-level BPE tokenizer, or another kind with --type, and save it as tokenizer.json.",
        "With no INPUT, trains on the bundled sample corpora. With no arguments at all, runs the main job: a kl3m preset tokenizer "
            + "trained on the bundled legal and government samples, compared with cl100k_base and o200k_base on a sample held back from training.");
    spec.addPositional(FieldOptions.parameters(command, "inputs").paramLabel("INPUT").arity("0..*")
        .description("Files, directories (read recursively), .gz/.bz2/.xz files, .tar/.tar.gz/.zip archives, or - for standard input. Each line (with its newline) is one document.")
        .build());
    spec.addOption(FieldOptions.option(command, "vocabSize", "--vocab-size").paramLabel("N").defaultValue("32000")
        .description("Final vocabulary size, special and byte tokens included (default: ${DEFAULT-VALUE}; with --preset kl3m 32768, kl3m-char 4096; --type wordpiece and wordlevel 30000, unigram and sp-bpe 8000).")
        .build());
    spec.addOption(FieldOptions.option(command, "minFrequency", "--min-frequency").paramLabel("N").defaultValue("2")
        .description("Never merge pairs seen fewer times; with --type wordlevel, leave out words seen fewer times (default: ${DEFAULT-VALUE}; wordlevel 0).")
        .build());
    spec.addOption(FieldOptions.option(command, "specialTokens", "--special-tokens").paramLabel("TOKEN").splitRegex(",")
        .description("Special tokens, comma-separated; they get ids 0..k-1 (with --preset, ids after the 13 KL3M ones). Default: none; --type wordpiece [PAD],[UNK],[CLS],[SEP],[MASK]; wordlevel [UNK].")
        .build());
    spec.addOption(FieldOptions.option(command, "normalizers", "--normalizer").paramLabel("NAME").splitRegex(",")
        .description("Normalizers applied in order: nfc, nfd, nfkc, nfkd, lowercase, or none (default: none).")
        .build());
    spec.addOption(FieldOptions.option(command, "jsonlField", "--jsonl-field").paramLabel("NAME")
        .description("Read JSON lines and train on this string field of each.")
        .build());
    spec.addOption(FieldOptions.option(command, "threads", "--threads").paramLabel("N")
        .description("Threads that split and count words while the corpus is read (default: one per processor, ${DEFAULT-VALUE} here); the result is the same for any N.")
        .build());
    command.presets.addTo(spec);
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").paramLabel("FILE").defaultValue("tokenizer.json")
        .description("Where to write the tokenizer, or - for standard output (default: ${DEFAULT-VALUE}); with --type unigram or sp-bpe, a FILE.model is a SentencePiece model.")
        .build());
    spec.addOption(FieldOptions.option(command, "type", "--type").paramLabel("TYPE").defaultValue("bpe")
        .description("bpe (byte-level BPE), unigram (SentencePiece's Unigram), sp-bpe (SentencePiece's BPE), "
            + "wordpiece (BERT WordPiece, Hugging Face's WordPieceTrainer), wordlevel (one token per word, "
            + "Hugging Face's WordLevelTrainer), unicode (the Unicode-glyph layout with learned n-grams, see --ngrams and --per-script), "
            + "or word-pooled-chars (a character vocabulary for --tokenizer word-pooled:chars:FILE) (default: ${DEFAULT-VALUE}).")
        .build());
    command.sentencePiece.addTo(spec);
    command.unicode.addTo(spec);
    command.wordPiece.addTo(spec);
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    if (main.backend != null) checkCountingElsewhere();
    if (spec.commandLine().getParseResult().matchedArgs().isEmpty()) return new PresetTraining(this).mainJob();
    OutputFile.check(output);
    if (SentencePieceTrainOptions.handles(type)) return sentencePiece.train(this);
    SentencePieceTrainOptions.rejectFor(this);
    if (type.equals("unicode")) return unicode.train(this);
    UnicodeTrainOptions.rejectFor(this);
    if (type.equals(WordPieceTrainOptions.TYPE)) return wordPiece.train(this);
    WordPieceTrainOptions.rejectFor(this);
    if (type.equals(WordLevelTraining.TYPE)) return WordLevelTraining.train(this);
    if (!type.equals("bpe")) return WordPooledCli.train(this, spec, type, corpus(), vocabSize, minFrequency, output);
    if (presets.preset != null) return new PresetTraining(this).run();
    PresetTraining.checkPlain(this);
    TrainingRun<ByteLevelBpeTrainer, TrainingResult> run = TrainingRun.run(this, progress -> ByteLevelBpeTrainer.builder()
        .vocabSize(vocabSize)
        .minFrequency(minFrequency)
        .specialTokens(specialTokens)
        .normalization(normalization())
        .maxTokenLength(presets.maxTokenLength == null ? Integer.MAX_VALUE : presets.maxTokenLength)
        .progress(progress)
        .threads(threads)
        .build(), this::train);
    TrainingResult result = run.result();
    save(result.tokenizer());
    // The summary is a message: standard output is for data (the tokenizer itself with -o -).
    var out = main.streams.err();
    out.println("trained " + result.tokenizer().vocabSize() + " tokens (" + result.merges() + " merges, " + specialTokens.size() + " special) in " + run.secondsText() + " s");
    out.println("corpus: " + TrainingRun.corpusName(this) + ", " + result.corpus().documents() + " documents, " + result.corpus().bytes() + " bytes, " + result.distinctWords() + " distinct words");
    TrainingRun.printInvalidUtf8(out, result.corpus());
    if (result.tokenizer().vocabSize() < vocabSize) {
      out.println("note: the corpus supports only " + result.tokenizer().vocabSize() + " tokens at minimum frequency " + minFrequency + " (asked for " + vocabSize + ")");
    }
    out.println("wrote " + OutputFile.name(output));
    return 0;
  }

  /** Writes a trained tokenizer where -o says: a file, or standard output for -. */
  void save(dev.toksmith.api.Tokenizer tokenizer) throws java.io.IOException {
    OutputFile.write(main, output, out -> Tokenizers.write(tokenizer, out));
  }

  /**
   * Trains on the inputs: counting their words here (on {@link #threads} threads) or, under a front
   * end that counts elsewhere, through its backend, then learning from the counts.
   */
  <R> R train(WordCountTrainer<R> trainer) throws IOException {
    if (main.backend == null) return trainer.train(corpus());
    WordCounts counts = new WordCounts();
    return trainer.train(counts, countElsewhere(() -> main.backend.count(trainer, inputs, jsonlField, counts)));
  }

  /** {@link #train(WordCountTrainer)} for SentencePiece's trainers, which count sentences. */
  SentencePieceTrainingResult train(SentencePieceTrainer trainer) throws IOException {
    if (main.backend == null) return trainer.train(corpus());
    SentencePieceCounts counts = trainer.newCounts();
    return trainer.train(counts, countElsewhere(() -> main.backend.countSentences(trainer, inputs, jsonlField, counts)));
  }

  private interface Counting {
    CorpusStats run() throws IOException;
  }

  /** Runs the backend's counting; its faults with the inputs or its own options are usage errors. */
  private CorpusStats countElsewhere(Counting counting) throws IOException {
    try {
      return counting.run();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** What a front end that counts words elsewhere cannot do: train without inputs, the types that count neither words nor sentences, --threads. */
  private void checkCountingElsewhere() {
    var parsed = spec.commandLine().getParseResult();
    if (inputs.isEmpty()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give the inputs to train on");
    if (!List.of("bpe", WordPieceTrainOptions.TYPE, WordLevelTraining.TYPE, SentencePieceTrainOptions.UNIGRAM, SentencePieceTrainOptions.BPE).contains(type)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--type " + type + " is not available here (bpe, wordpiece, wordlevel, unigram, sp-bpe and --preset are)");
    }
    if (parsed.hasMatchedOption("--threads")) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads does not apply: the executors count the words");
  }

  List<Normalization> normalization() {
    List<Normalization> list = new ArrayList<>();
    for (String name : normalizers) {
      if (name.equalsIgnoreCase("none")) continue;
      try {
        list.add(Normalization.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown normalizer '" + name + "' (choose from nfc, nfd, nfkc, nfkd, lowercase, none)");
      }
    }
    return list;
  }

  Corpus corpus() {
    Corpus corpus;
    if (inputs.isEmpty()) {
      List<Corpus.Source> sources = new ArrayList<>();
      for (Sample s : Samples.all()) sources.add(new Corpus.Source("sample " + s.name(), s::open));
      corpus = Corpus.ofSources(sources);
    } else {
      corpus = Corpus.of(inputs).withStdin(main.streams.in());
    }
    return jsonlField == null ? corpus : corpus.withJsonlField(jsonlField);
  }
}
