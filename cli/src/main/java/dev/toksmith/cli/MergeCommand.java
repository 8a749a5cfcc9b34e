package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.Corpus;
import dev.toksmith.DynamicMerger;
import dev.toksmith.api.MergeRule;
import dev.toksmith.api.MergeStats;
import dev.toksmith.api.MergedBatch;
import dev.toksmith.api.MergedToken;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.io.JsonText;
import dev.toksmith.vocab.npy.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code toksmith merge}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class MergeCommand implements Callable<Integer> {
  static final String NAME = "merge";

  Main main;
  CommandLine.Model.CommandSpec spec;

  // Set by the command line (see spec).
  final TokenizerOption tokenizer = new TokenizerOption();
  List<String> files = new ArrayList<>();
  int batchSize;
  /** {@code --merges} or {@code --reduction}: exactly one is given. */
  final StopRule stop = new StopRule();

  static final class StopRule {
    Integer merges;
    Double reduction;
  }

  String rule;
  EncodeCommand.Format format;
  Path output;
  Path vocabOut;
  Path embeddings;
  Path embeddingsOut;
  Path surfaceOut;

  /** The model of {@code merge} run under {@code main}: its help, options and parameters. */
  static CommandLine.Model.CommandSpec spec(Main main) {
    MergeCommand command = new MergeCommand();
    command.main = main;
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description(
        "Tokenize lines in batches and merge each batch's most frequent token pairs into new tokens (dynamic tokenization).",
        "Each batch of lines is tokenized, then its most frequent adjacent pair of tokens is merged into a new token, again and again, "
            + "within pre-tokens. One output line per input line, in input order; new ids follow the base vocabulary and are the batch's "
            + "own. A summary goes to standard error: base tokens per line (L0), after merging (L(m)), at word level (L_word) and the "
            + "reduction 100 (L0 - L(m)) / (L0 - L_word).");
    spec.addMixin("tokenizer", command.tokenizer.mixin());
    spec.addPositional(FieldOptions.parameters(command, "files").paramLabel("FILE").arity("0..*")
        .description("Input files, read in order as one stream of lines (default: standard input; - also means standard input).")
        .build());
    spec.addOption(FieldOptions.option(command, "batchSize", "--batch-size").required(true).paramLabel("B")
        .description("Lines per batch (the last batch may be smaller).")
        .build());
    spec.addArgGroup(CommandLine.Model.ArgGroupSpec.builder().exclusive(true).multiplicity("1")
        .addArg(FieldOptions.option(command.stop, "merges", "--merges").required(true).paramLabel("M")
            .description("Merge budget per batch.")
            .build())
        .addArg(FieldOptions.option(command.stop, "reduction", "--reduction").required(true).paramLabel("PCT")
            .description("Merge each batch until it is PCT percent of the way from subword level to word level (100: word level).")
            .build())
        .build());
    spec.addOption(FieldOptions.option(command, "rule", "--rule").paramLabel("RULE").defaultValue("pre-token")
        .description("pre-token (a merge stays inside one pre-token of the base tokenizer) or none (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "format", "--format").paramLabel("FORMAT").defaultValue("ids")
        .description("ids, tokens (vocabulary forms, new tokens included) or jsonl ({\"ids\":[...],\"tokens\":[...]}, tokens being decoded text) (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").paramLabel("FILE").defaultValue(OutputFile.STDOUT)
        .description("Where to write the merged lines (default: - for standard output).")
        .build());
    spec.addOption(FieldOptions.option(command, "vocabOut", "--vocab-out").paramLabel("FILE.jsonl")
        .description("Write each batch's new tokens: {\"batch\",\"id\",\"token\",\"surface\",\"merge\",\"count\"} per line.")
        .build());
    spec.addOption(FieldOptions.option(command, "embeddings", "--embeddings").paramLabel("BASE.npy")
        .description("The base embedding matrix (float32 [V x d]); new ids then start at V.")
        .build());
    spec.addOption(FieldOptions.option(command, "embeddingsOut", "--embeddings-out").paramLabel("FILE.npy")
        .description("With --embeddings: write the new tokens' embeddings, each the mean of its surface form's rows (float32 [new x d], rows in --vocab-out order).")
        .build());
    spec.addOption(FieldOptions.option(command, "surfaceOut", "--surface-out").paramLabel("FILE.npy")
        .description("Write the new tokens' surface forms (int32 [new x longest], padded with -1, rows in --vocab-out order).")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  private static final JsonFactory JSON = JsonText.factory();

  private DynamicMerger merger;
  private OutputStream out;
  private OutputFile vocab;
  private Npy.Array baseEmbeddings;
  private final List<String> texts = new ArrayList<>();
  private final List<Boolean> terminated = new ArrayList<>();
  private final List<MergedToken> allNewTokens = new ArrayList<>();
  private final List<float[]> newEmbeddings = new ArrayList<>();
  private MergeStats total = MergeStats.EMPTY;
  private int batches;

  @Override
  public Integer call() throws Exception {
    checkUsage();
    for (Path file : new Path[] {output, vocabOut, embeddingsOut, surfaceOut}) OutputFile.check(file);
    Tokenizer tok = tokenizer.load();
    DynamicMerger.Builder builder = DynamicMerger.builder(tok).rule(rule.equals("none") ? MergeRule.none() : MergeRule.withinPreToken());
    if (stop.merges != null) builder.maxMerges(stop.merges);
    else builder.targetReduction(stop.reduction);
    if (embeddings != null) builder.firstNewId(readEmbeddings(tok));
    merger = builder.build();
    try (OutputFile merged = OutputFile.open(main, output); OutputFile vocabFile = vocabOut == null ? null : OutputFile.open(main, vocabOut)) {
      out = merged.stream();
      vocab = vocabFile;
      Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
      Inputs.forEach(files, main.streams.in(), progress, "reading", (in, name, onRead) -> {
        Lines lines = new Lines(in, name, onRead);
        readLines(lines, name);
        return lines.bytesRead();
      });
      if (!texts.isEmpty()) mergeBatch();
      merged.commit();
      if (vocabFile != null) vocabFile.commit();
    }
    if (surfaceOut != null) writeSurfaces();
    if (embeddingsOut != null) writeEmbeddings();
    main.streams.err().printf(Locale.ROOT, "merged %d lines in %d batches (%d merges): L0 %.2f, L(m) %.2f, L_word %.2f tokens per line; reduction %.2f%%%n",
        total.sequences(), batches, total.merges(), total.baseLength(), total.mergedLength(), total.wordLength(), total.reduction());
    return 0;
  }

  private void checkUsage() {
    if (batchSize < 1) throw usage("--batch-size must be at least 1");
    if (stop.merges != null && stop.merges < 0) throw usage("--merges must not be negative");
    if (stop.reduction != null && !(stop.reduction >= 0 && stop.reduction <= 100)) throw usage("--reduction must be 0 to 100");
    if (!rule.equals("pre-token") && !rule.equals("none")) throw usage("unknown --rule " + rule + " (choose pre-token or none)");
    if (embeddingsOut != null && embeddings == null) throw usage("--embeddings-out needs --embeddings");
    OutputFile.atMostOneToStdout(spec, "--output", String.valueOf(output), "--vocab-out", name(vocabOut), "--embeddings-out", name(embeddingsOut),
        "--surface-out", name(surfaceOut));
  }

  private static String name(Path file) {
    return file == null ? null : file.toString();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** Reads the base matrix; its row count is where new ids start. */
  private int readEmbeddings(Tokenizer tok) throws IOException {
    try (InputStream in = Corpus.openFile(embeddings)) {
      baseEmbeddings = Npy.read(in);
    } catch (IOException e) {
      throw new IOException(embeddings + ": " + Errors.describe(e), e);
    }
    int[] shape = baseEmbeddings.shape();
    if (baseEmbeddings.type() != Npy.Type.FLOAT32 || shape.length != 2) {
      throw new IOException(embeddings + ": not a float32 matrix [V x d] but " + baseEmbeddings.type().name().toLowerCase() + " of shape " + Arrays.toString(shape));
    }
    if (shape[0] < tok.idBound()) {
      throw new IOException(embeddings + ": " + shape[0] + " rows, but the tokenizer has ids up to " + (tok.idBound() - 1));
    }
    return shape[0];
  }

  private void readLines(Lines lines, String name) throws IOException {
    while (lines.next()) {
      try {
        texts.add(lines.text());
      } catch (CharacterCodingException e) {
        throw new IOException(name + ":" + lines.number() + ": invalid UTF-8");
      }
      terminated.add(lines.terminated());
      if (texts.size() == batchSize) mergeBatch();
    }
  }

  private void mergeBatch() throws IOException {
    MergedBatch batch = merger.merge(texts);
    for (int r = 0; r < batch.size(); r++) {
      int[] ids = batch.ids(r);
      switch (format) {
        case ids -> {
          ByteSink sink = new ByteSink(ids.length * 7);
          sink.writeIds(ids);
          sink.writeTo(out, sink.size());
        }
        case tokens -> writeTokens(batch, ids);
        case jsonl -> writeJson(batch, ids);
      }
      if (terminated.get(r)) out.write('\n');
    }
    if (vocab != null) writeVocabulary(batch);
    if (embeddingsOut != null) newEmbeddings.add(batch.meanEmbeddings(baseEmbeddings.floats(), baseEmbeddings.shape()[1]));
    if (surfaceOut != null) allNewTokens.addAll(batch.newTokens());
    total = total.plus(batch.stats());
    batches++;
    texts.clear();
    terminated.clear();
  }

  private void writeTokens(MergedBatch batch, int[] ids) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) sb.append(' ');
      TokenDisplay.appendEscaped(sb, batch.token(ids[i]));
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void writeJson(MergedBatch batch, int[] ids) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      writeArray(g, "ids", ids);
      g.writeArrayFieldStart("tokens");
      for (String t : batch.tokenTexts(ids)) g.writeString(t);
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private void writeVocabulary(MergedBatch batch) throws IOException {
    OutputStream vocabOut = vocab.stream();
    for (MergedToken t : batch.newTokens()) {
      try (JsonGenerator g = JSON.createGenerator(vocabOut)) {
        g.writeStartObject();
        g.writeNumberField("batch", batches);
        g.writeNumberField("id", t.id());
        g.writeStringField("token", t.token());
        writeArray(g, "surface", t.surface());
        writeArray(g, "merge", new int[] {t.left(), t.right()});
        g.writeNumberField("count", t.count());
        g.writeEndObject();
      }
      vocabOut.write('\n');
    }
  }

  private static void writeArray(JsonGenerator g, String field, int[] values) throws IOException {
    g.writeArrayFieldStart(field);
    for (int v : values) g.writeNumber(v);
    g.writeEndArray();
  }

  private void writeSurfaces() throws IOException {
    OutputFile.write(main, surfaceOut, file -> Npy.writeInt32(file, new int[] {allNewTokens.size(), MergedToken.maxSurfaceLength(allNewTokens)}, MergedToken.surfaceMatrix(allNewTokens)));
  }

  private void writeEmbeddings() throws IOException {
    int dim = baseEmbeddings.shape()[1];
    int rows = 0;
    for (float[] batch : newEmbeddings) rows += batch.length / dim;
    float[] matrix = new float[rows * dim];
    int at = 0;
    for (float[] batch : newEmbeddings) {
      System.arraycopy(batch, 0, matrix, at, batch.length);
      at += batch.length;
    }
    int newRows = rows;
    OutputFile.write(main, embeddingsOut, file -> Npy.writeFloat32(file, new int[] {newRows, dim}, matrix));
  }
}
