package dev.toksmith.cli;

import dev.toksmith.BoundaryConsistency;
import dev.toksmith.Contender;
import dev.toksmith.Corpus;
import dev.toksmith.EditAlignment;
import dev.toksmith.MergeSetting;
import dev.toksmith.NamedTokenizer;
import dev.toksmith.NamedWordPooled;
import dev.toksmith.TermFertility;
import dev.toksmith.TokenizerComparison;
import dev.toksmith.TokenizerSpec;
import dev.toksmith.Tokenizers;
import dev.toksmith.VocabularyOverlap;
import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.samples.OcrPair;
import dev.toksmith.samples.OcrPairs;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.terms.TermLists;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code toksmith compare}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class CompareCommand implements Callable<Integer> {
  static final String NAME = "compare";
  /** How many of the worst-cut terms are shown per tokenizer and term list. */
  private static final int WORST_TERMS = 5;
  private static final String CLEAN_SUFFIX = ".clean.txt";

  Main main;
  CommandSpec spec;

  // Set by the command line (see spec).
  List<String> tokenizerSpecs = new ArrayList<>();
  String baselineSpec;
  List<String> termLists = new ArrayList<>();
  CompareReport.Format format;
  Path chart;
  Path output;
  List<String> ocrPairs = new ArrayList<>();
  Integer maxUnits;
  Integer mergeBatchSize;
  Integer merges;
  String jsonlField;
  List<String> inputs = new ArrayList<>();

  /** The model of {@code compare} run under {@code main}: its help, options and parameters. */
  static CommandSpec spec(Main main) {
    CompareCommand command = new CompareCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description(
        "Measure how many tokens each tokenizer needs for the same datasets, as the KL3M tokenizer paper reports it.",
        "Per tokenizer and dataset: tokens, tokens per character (TPC, lower is better) and per word, characters and bytes per token, "
            + "and the share of unknown and byte-fallback tokens; over several datasets, their unweighted mean. Options add each "
            + "tokenizer's size relative to a baseline (said both ways), tokens per domain term, the vocabulary overlap, boundary "
            + "consistency on noisy text and dynamic merging. Word-pooled tokenizers also get words per character, units per word and "
            + "the share of words longer than a row.",
        "Each INPUT is one dataset; each file, archive entry or JSON-lines record in it is one document, "
            + "encoded whole and verbatim (newlines included), without special tokens added.");
    spec.addOption(FieldOptions.option(command, "tokenizerSpecs", "-t", "--tokenizer").required(true).paramLabel("SPEC")
        .description("A tokenizer to compare; repeat for more. Results name it by SPEC as given, which is " + TokenizerOption.SPECS
            + " Also a word-pooled tokenizer, word-pooled:UNITS with --max-units.")
        .build());
    spec.addOption(FieldOptions.option(command, "baselineSpec", "--baseline").paramLabel("SPEC")
        .description("Also compare this tokenizer, and state every other one's token count relative to it, both ways.")
        .build());
    spec.addOption(FieldOptions.option(command, "termLists", "--terms").paramLabel("legal|financial|reporter-abbreviations|FILE")
        .description("Measure tokens per term on a bundled term list or a file of terms (one per line, # comments); repeatable.")
        .build());
    spec.addOption(FieldOptions.option(command, "format", "--format").paramLabel("FORMAT").defaultValue("table")
        .description("table, markdown, csv or json (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "chart", "--chart").paramLabel("FILE.svg")
        .description("Also write a self-contained SVG bar chart of TPC per dataset.")
        .build());
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").paramLabel("FILE").defaultValue(OutputFile.STDOUT)
        .description("Where to write the report (default: - for standard output).")
        .build());
    spec.addOption(FieldOptions.option(command, "ocrPairs", "--ocr-pairs").paramLabel("bundled|DIR")
        .description("Measure boundary consistency on noisy/clean text pairs: the bundled OCR pairs (grouped by noise level), or a directory "
            + "where each STEM.clean.txt has its noisy text in STEM.noisy.txt or STEM.raw.txt; repeatable.")
        .build());
    spec.addOption(FieldOptions.option(command, "maxUnits", "--max-units").paramLabel("N")
        .description("Units per word row of every word-pooled tokenizer compared (needed with word-pooled:...); longer words overflow onto continuation rows.")
        .build());
    spec.addOption(FieldOptions.option(command, "mergeBatchSize", "--merge-batch-size").paramLabel("B")
        .description("With --merges: also merge each tokenizer's tokens dynamically, as toksmith merge does, in batches of B non-blank lines "
            + "within each dataset, and report L0, L(m), L_word and the reduction.")
        .build());
    spec.addOption(FieldOptions.option(command, "merges", "--merges").paramLabel("M")
        .description("With --merge-batch-size: the merge budget per batch.")
        .build());
    spec.addOption(FieldOptions.option(command, "jsonlField", "--jsonl-field").paramLabel("NAME")
        .description("Inputs are JSON lines: each record's string field NAME is one document.")
        .build());
    spec.addPositional(FieldOptions.parameters(command, "inputs").required(true).paramLabel("INPUT").arity("1..*")
        .description("A dataset: a file, a directory (read recursively), a .gz/.bz2/.xz file or .tar/.tar.gz/.zip archive, - for standard input, "
            + "or the name of a bundled sample (e.g. us-constitution) or sample group (legal, government, literature, multilingual, emoji). "
            + "An existing path wins over a name.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    List<String> specs = new ArrayList<>(tokenizerSpecs);
    if (baselineSpec != null && !specs.contains(baselineSpec)) specs.add(baselineSpec);
    if (Set.copyOf(specs).size() != specs.size()) throw new ParameterException(spec.commandLine(), "a tokenizer is given twice");
    if (Set.copyOf(inputs).size() != inputs.size()) throw new ParameterException(spec.commandLine(), "a dataset is given twice");
    OutputFile.atMostOneToStdout(spec, "--output", output.toString(), "--chart", chart == null ? null : chart.toString());
    OutputFile.check(output);
    OutputFile.check(chart);
    Map<String, List<String>> terms = terms();
    Map<String, List<TextPair>> pairGroups = pairGroups();
    List<Dataset> datasets = new ArrayList<>();
    for (String input : inputs) datasets.add(dataset(input));

    MergeSetting merging = mergeSetting();
    List<Contender> contenders = contenders(specs);
    // Terms, vocabulary overlap and boundary consistency measure token strings and offsets, which only ordinary tokenizers have.
    List<NamedTokenizer> tokenizers = new ArrayList<>();
    for (Contender c : contenders) if (c instanceof NamedTokenizer t) tokenizers.add(t);
    if (merging != null && tokenizers.isEmpty()) throw new ParameterException(spec.commandLine(), "--merges needs a tokenizer that is not word-pooled");
    TokenizerComparison comparison = new TokenizerComparison(contenders, merging);
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    try {
      for (Dataset d : datasets) {
        TokenizerComparison.Dataset sink = comparison.startDataset(d.name());
        Corpus corpus = jsonlField == null ? d.corpus() : d.corpus().withJsonlField(jsonlField);
        CorpusStats read = corpus.read(sink, (done, total) -> progress.update("comparing " + d.name(), done, total));
        // Plain text documents are the whole input, so their bytes are exactly the bytes read; a JSON
        // lines document is a field's value, whose bytes are its text's.
        sink.finish(jsonlField == null ? read.bytes() : sink.text().bytes(), read.invalidUtf8Sequences());
      }
    } finally {
      progress.finish();
    }

    Map<String, List<TermFertility>> fertility = new LinkedHashMap<>();
    terms.forEach((list, entries) -> {
      List<TermFertility> perTokenizer = new ArrayList<>();
      for (NamedTokenizer t : tokenizers) perTokenizer.add(TermFertility.measure(t.name(), t.tokenizer(), entries));
      fertility.put(list, perTokenizer);
    });
    List<VocabularyOverlap> overlaps = List.of();
    if (tokenizers.size() > 1) {
      List<Set<String>> forms = new ArrayList<>();
      for (NamedTokenizer t : tokenizers) forms.add(VocabularyOverlap.surfaceForms(t.tokenizer()));
      overlaps = VocabularyOverlap.pairwise(tokenizers.stream().map(NamedTokenizer::name).toList(), forms);
    }

    List<CompareReport.PairGroup> consistency = new ArrayList<>();
    for (Map.Entry<String, List<TextPair>> group : pairGroups.entrySet()) {
      List<TextPair> pairs = group.getValue();
      // Aligning is the costly part (O(length x edits) per pair) and the same for every tokenizer.
      List<EditAlignment> alignments = alignAll(pairs, progress);
      Map<String, BoundaryConsistency> perTokenizer = new LinkedHashMap<>();
      for (NamedTokenizer t : tokenizers) {
        BoundaryConsistency pooled = new BoundaryConsistency(0, 0);
        for (int i = 0; i < pairs.size(); i++) {
          pooled = pooled.plus(BoundaryConsistency.measure(t.tokenizer(), pairs.get(i).clean(), pairs.get(i).noisy(), alignments.get(i)));
        }
        perTokenizer.put(t.name(), pooled);
      }
      consistency.add(new CompareReport.PairGroup(group.getKey(), pairs.size(), perTokenizer));
    }

    CompareReport report = new CompareReport(comparison.results(), baselineSpec, fertility, overlaps, WORST_TERMS, consistency);
    if (chart != null) {
      byte[] svg = TpcChart.svg(comparison.results()).getBytes(StandardCharsets.UTF_8);
      OutputFile.write(main, chart, out -> out.write(svg));
    }
    byte[] rendered = report.render(format).getBytes(StandardCharsets.UTF_8);
    OutputFile.write(main, output, out -> out.write(rendered));
    return 0;
  }

  /** The dynamic merging asked for, or null; checked before any tokenizer loads. */
  private MergeSetting mergeSetting() {
    if ((mergeBatchSize == null) != (merges == null)) throw new ParameterException(spec.commandLine(), "--merge-batch-size and --merges go together");
    if (mergeBatchSize == null) return null;
    try {
      return new MergeSetting(mergeBatchSize, merges);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Loads every tokenizer; word-pooled specs take the row length from --max-units. */
  private List<Contender> contenders(List<String> specs) throws IOException {
    List<TokenizerSpec> parsed = specs.stream().map(s -> TokenizerOption.parse(spec, s)).toList();
    boolean anyWordPooled = parsed.stream().anyMatch(s -> s instanceof TokenizerSpec.WordPooled);
    if (maxUnits != null && !anyWordPooled) throw new ParameterException(spec.commandLine(), "--max-units needs a word-pooled tokenizer (--tokenizer word-pooled:...)");
    WordPooledLayout layout = new WordPooledLayout();
    layout.maxUnits = maxUnits;
    List<Contender> contenders = new ArrayList<>();
    for (TokenizerSpec s : parsed) {
      if (s instanceof TokenizerSpec.WordPooled pooled) {
        contenders.add(new NamedWordPooled(s.text(), WordPooledCli.load(spec, pooled, layout)));
      } else {
        contenders.add(new NamedTokenizer(s.text(), Tokenizers.load(s, TokenizerOption.userCache())));
      }
    }
    return contenders;
  }

  /** The term lists asked for, by name, read before any tokenizer runs so that a bad file fails fast. */
  private Map<String, List<String>> terms() throws IOException {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String list : termLists) {
      Path file = existingPath(list);
      List<String> entries;
      if (file != null) {
        entries = TermLists.read(file);
      } else if (TermLists.BUNDLED_NAMES.contains(list)) {
        entries = TermLists.bundled(list);
      } else {
        throw new ParameterException(spec.commandLine(), "--terms: no such file or bundled term list: " + list + " (bundled: " + String.join(", ", TermLists.BUNDLED_NAMES) + ")");
      }
      if (lists.put(list, entries) != null) throw new ParameterException(spec.commandLine(), "--terms: " + list + " is given twice");
    }
    return lists;
  }

  /** A clean text and a noisy reading of it. */
  private record TextPair(String clean, String noisy) {
    long bytes() {
      return clean.getBytes(StandardCharsets.UTF_8).length + (long) noisy.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** The alignment of each pair, in order, computed on all processors; progress in bytes of both texts. */
  private static List<EditAlignment> alignAll(List<TextPair> pairs, Progress progress) {
    long total = pairs.stream().mapToLong(TextPair::bytes).sum();
    AtomicLong done = new AtomicLong();
    try {
      return pairs.parallelStream().map(pair -> {
        EditAlignment alignment = EditAlignment.of(pair.clean(), pair.noisy());
        long aligned = done.addAndGet(pair.bytes());
        synchronized (progress) {
          progress.update("aligning noisy/clean pairs", aligned, total);
        }
        return alignment;
      }).toList();
    } finally {
      progress.finish();
    }
  }

  /** The pairs of each --ocr-pairs source by group name, read before any tokenizer runs. */
  private Map<String, List<TextPair>> pairGroups() throws IOException {
    Map<String, List<TextPair>> groups = new LinkedHashMap<>();
    for (String source : ocrPairs) {
      if (source.equals("bundled") && existingPath(source) == null) {
        for (OcrPair pair : OcrPairs.all()) groups.computeIfAbsent("ocr-" + pair.level(), level -> new ArrayList<>()).add(new TextPair(pair.clean(), pair.noisy()));
        continue;
      }
      Path dir = existingPath(source);
      if (dir == null || !Files.isDirectory(dir)) throw new ParameterException(spec.commandLine(), "--ocr-pairs: no such directory: " + source + " (or 'bundled')");
      List<TextPair> pairs = new ArrayList<>();
      List<Path> cleans;
      try (Stream<Path> files = Files.list(dir)) {
        cleans = files.filter(f -> f.getFileName().toString().endsWith(CLEAN_SUFFIX)).sorted().toList();
      }
      for (Path clean : cleans) {
        String stem = clean.getFileName().toString();
        stem = stem.substring(0, stem.length() - CLEAN_SUFFIX.length());
        Path noisy = clean.resolveSibling(stem + ".noisy.txt");
        if (!Files.exists(noisy)) noisy = clean.resolveSibling(stem + ".raw.txt");
        if (!Files.exists(noisy)) throw new CorpusException(clean + ": no " + stem + ".noisy.txt or " + stem + ".raw.txt beside it");
        pairs.add(new TextPair(readUtf8(clean), readUtf8(noisy)));
      }
      if (pairs.isEmpty()) throw new CorpusException(dir + ": no *" + CLEAN_SUFFIX + " file");
      if (groups.put(source, pairs) != null) throw new ParameterException(spec.commandLine(), "--ocr-pairs: " + source + " is given twice");
    }
    return groups;
  }

  private static String readUtf8(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (CharacterCodingException e) {
      throw new CorpusException(file + ": not UTF-8 text");
    }
  }

  /** One INPUT: its name, and its documents, each a whole text. */
  private record Dataset(String name, Corpus corpus) {}

  /** Resolves an INPUT before anything is read, so that a missing one fails before the work starts. */
  private Dataset dataset(String input) throws CorpusException {
    if (input.equals("-")) return new Dataset("<stdin>", Corpus.of("-").withStdin(main.streams.in()).withWholeTexts());
    if (existingPath(input) != null) return new Dataset(input, Corpus.of(input).withWholeTexts());
    List<Sample> samples = Samples.byNameOrGroup(input);
    if (samples.isEmpty()) throw new CorpusException(SamplesCommand.unknown(input));
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : samples) sources.add(new Corpus.Source("sample " + s.name(), s::open));
    return new Dataset(input, Corpus.ofSources(sources).withWholeTexts());
  }

  private static Path existingPath(String text) {
    try {
      Path path = Path.of(text);
      return Files.exists(path) ? path : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
