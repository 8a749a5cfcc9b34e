package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.CharVocabulary;
import dev.toksmith.Corpus;
import dev.toksmith.TokenizerSpec;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.WordPooledBatch;
import dev.toksmith.api.WordPooledEncoding;
import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.vocab.io.JsonText;
import dev.toksmith.vocab.npy.WordPooledArrays;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The CLI side of word-pooled tokenization: {@code encode}, {@code decode} and {@code inspect} with
 * {@code --tokenizer word-pooled:...}, and {@code train --type word-pooled-chars}. The commands hand
 * over to it early, so their own pipelines never see a word-pooled spec.
 */
final class WordPooledCli {
  static final String TRAIN_TYPE = "word-pooled-chars";
  static final String SPECS = "word-pooled:bytes, word-pooled:chars, word-pooled:chars:VOCAB.json (from train --type word-pooled-chars) or word-pooled:subwords:SPEC";
  private static final Set<String> WORD_POOLED_OPTIONS = Set.of("--max-units", "--slots");
  private static final JsonFactory JSON = JsonText.factory();

  /**
   * The JSON reader of decode, in a class of its own: every encode and decode asks this class to
   * reject options, and an ObjectMapper made then cost each of them about 50 ms (its date formats).
   */
  private static final class Reader {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private WordPooledCli() {}

  /** For other tokenizers: the word-pooled options (and {@code --format npy}) are usage errors. */
  static void rejectOptions(CommandSpec spec) {
    for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
      Object value = option.getValue();
      boolean npy = option.longestName().equals("--format") && "npy".equals(String.valueOf(value));
      if (WORD_POOLED_OPTIONS.contains(option.longestName()) || npy) {
        throw new ParameterException(spec.commandLine(), (npy ? "--format npy" : option.longestName()) + " needs a word-pooled tokenizer (" + SPECS + ")");
      }
    }
  }

  /** {@code encode}: one JSON line per input line, or with {@code --format npy} the whole input as one batch. */
  static int encode(Main main, CommandSpec spec, TokenizerSpec.WordPooled tokenizer, WordPooledLayout options, List<String> files, Path output) throws IOException {
    allowOnly(spec, "word-pooled tokenizers", "--tokenizer", "--format", "--max-units", "--slots", "--output");
    String format = spec.commandLine().getParseResult().hasMatchedOption("--format") ? String.valueOf((Object) spec.findOption("--format").getValue()) : "jsonl";
    if (!format.equals("jsonl") && !format.equals("npy")) throw new ParameterException(spec.commandLine(), "word-pooled tokenizers write --format jsonl or npy, not " + format);
    if (format.equals("npy") && (output == null || OutputFile.isStdout(output))) throw new ParameterException(spec.commandLine(), "--format npy writes a directory: give it with -o DIR");
    if (format.equals("npy") && Files.exists(output)) throw new java.nio.file.FileAlreadyExistsException(output.toString());
    Path target = output == null ? Path.of(OutputFile.STDOUT) : output;
    if (format.equals("jsonl")) OutputFile.check(target);
    WordPooledTokenizer tok = load(spec, tokenizer, options);
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    if (format.equals("npy")) {
      List<String> texts = new ArrayList<>();
      // One thread, so the texts arrive in input order; nothing is written per line.
      try (LinePipeline pipeline = new LinePipeline(1, false, (bytes, from, to, out) -> texts.add(text(bytes, from, to)))) {
        pipeline.run(files, main.streams.in(), OutputStream.nullOutputStream(), progress, "reading");
      }
      WordPooledArrays.write(encodeBatch(tok, texts), output);
      return 0;
    }
    try (LinePipeline pipeline = new LinePipeline(1, false, (bytes, from, to, out) -> {
      try {
        writeJson(out, tok.encode(text(bytes, from, to)));
      } catch (IllegalArgumentException e) {
        throw new LinePipeline.BadLineException(e.getMessage());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
      }
    });
        OutputFile out = OutputFile.open(main, target)) {
      pipeline.run(files, main.streams.in(), out.stream(), progress, "encoding");
      out.commit();
    }
    return 0;
  }

  /** {@code decode}: JSON lines (files or standard input) or {@code .npy} batch directories back to text lines. */
  static int decode(Main main, CommandSpec spec, TokenizerSpec.WordPooled tokenizer, WordPooledLayout layout, List<String> files, Path output) throws IOException {
    allowOnly(spec, "word-pooled tokenizers", "--tokenizer", "--max-units", "--slots", "--output");
    WordPooledTokenizer tok = load(spec, tokenizer, layout);
    OutputFile.check(output);
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    List<String> jsonFiles = new ArrayList<>();
    try (OutputFile out = OutputFile.open(main, output)) {
      for (String file : files.isEmpty() ? List.of("-") : files) {
        if (!file.equals("-") && Files.isDirectory(Path.of(file))) {
          decodeArrays(tok, Path.of(file), out.stream());
        } else {
          jsonFiles.add(file);
        }
      }
      if (!jsonFiles.isEmpty()) {
        try (LinePipeline pipeline = new LinePipeline(1, false, (bytes, from, to, sink) -> {
          try {
            sink.write(tok.decode(parseJson(java.util.Arrays.copyOfRange(bytes, from, to), tok.width())).getBytes(StandardCharsets.UTF_8));
          } catch (IllegalArgumentException e) {
            throw new LinePipeline.BadLineException(e.getMessage());
          }
        })) {
          pipeline.run(jsonFiles, main.streams.in(), out.stream(), progress, "decoding");
        }
      }
      out.commit();
    }
    return 0;
  }

  /** {@code inspect}: the units, the row layout, the id ranges and how a sample sentence splits. */
  static int inspect(Main main, CommandSpec spec, TokenizerSpec.WordPooled tokenizer, WordPooledLayout layout) throws IOException {
    allowOnly(spec, "word-pooled tokenizers", "--tokenizer", "--max-units", "--slots");
    WordPooledTokenizer tok = load(spec, tokenizer, layout);
    Output out = main.streams.out();
    out.println("tokenizer:      " + tokenizer.text());
    out.println("model:          word-pooled (Learn Your Tokens): each word a row of units");
    out.println("units:          " + tok.describeUnits());
    out.println("row layout:     " + (tok.slots() == 0 ? "" : tok.slots() + " reserved slots (ids " + tok.slotId(0) + ".." + tok.slotId(tok.slots() - 1) + ") + ")
        + tok.maxUnits() + " units = width " + tok.width() + "; pad id " + tok.padId());
    out.println("ids:            0.." + (tok.idBound() - 1) + " (embedding table of " + tok.idBound() + ")");
    out.println("words:          split at whitespace and punctuation/symbols (each its own word); one word per Han ideograph; kana runs; a single space leads the next word, other whitespace runs are words; longer words continue on flagged rows");
    String example = "Hello,  world! 東京タワー 😀";
    out.println("example:        " + tok.words(example).stream().map(TokenDisplay::quoted).collect(Collectors.joining(" ")));
    return 0;
  }

  /** {@code train --type word-pooled-chars}: a character vocabulary saved as tokenizer.json. */
  static int train(TrainCommand command, CommandSpec spec, String type, Corpus corpus, int vocabSize, long minFrequency, Path output) throws IOException {
    Main main = command.main;
    if (!type.equals(TRAIN_TYPE)) throw new ParameterException(spec.commandLine(), "unknown --type " + type + " (choose bpe, wordpiece, wordlevel, unicode or " + TRAIN_TYPE + ")");
    allowOnly(spec, "--type " + TRAIN_TYPE, "--type", "--vocab-size", "--min-frequency", "--jsonl-field", "--output");
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    if (vocabSize < CharVocabulary.BYTE_IDS) {
      throw new ParameterException(spec.commandLine(), "a character vocabulary holds the 256 byte ids: --vocab-size must be at least 256, not " + vocabSize);
    }
    CharVocabulary vocabulary;
    try {
      vocabulary = CharVocabulary.train(corpus, vocabSize, minFrequency, (done, total) -> progress.update("reading", done, total));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } finally {
      progress.finish();
    }
    command.save(vocabulary.asTokenizer());
    main.streams.err().printf(Locale.ROOT, "trained a character vocabulary of %d ids (%d characters + 256 byte ids)%n", vocabulary.size(), vocabulary.size() - CharVocabulary.BYTE_IDS);
    main.streams.err().println("wrote " + OutputFile.name(output) + (OutputFile.isStdout(output) ? "" : " (use it as --tokenizer word-pooled:chars:" + output + ")"));
    return 0;
  }

  /** Loads the tokenizer a {@code word-pooled:...} spec names, with the layout options. */
  static WordPooledTokenizer load(CommandSpec spec, TokenizerSpec.WordPooled tokenizer, WordPooledLayout layout) throws IOException {
    if (layout.maxUnits == null) throw new ParameterException(spec.commandLine(), "word-pooled tokenizers need --max-units N");
    try {
      return Tokenizers.loadWordPooled(tokenizer, layout.maxUnits, layout.slots == null ? 0 : layout.slots);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Usage error for any option given that the word-pooled path does not use. */
  private static void allowOnly(CommandSpec spec, String what, String... allowed) {
    Set<String> names = Set.of(allowed);
    for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
      if (!names.contains(option.longestName()) && !option.longestName().equals("--verbose")) {
        throw new ParameterException(spec.commandLine(), option.longestName() + " does not apply to " + what);
      }
    }
  }

  private static WordPooledBatch encodeBatch(WordPooledTokenizer tok, List<String> texts) throws IOException {
    try {
      return tok.encodeBatch(texts);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage());
    }
  }

  private static String text(byte[] bytes, int from, int to) throws LinePipeline.BadLineException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new LinePipeline.BadLineException("invalid UTF-8 (word-pooled tokenizers encode text)");
    }
  }

  private static void decodeArrays(WordPooledTokenizer tok, Path dir, OutputStream out) throws IOException {
    List<String> texts;
    try {
      texts = tok.decodeBatch(WordPooledArrays.read(dir));
    } catch (IllegalArgumentException e) {
      throw new IOException(dir + ": " + e.getMessage());
    }
    for (String text : texts) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  /** {@code {"units":[[...],...],"lengths":[...],"continuation":[...]}}: the rows, then the two vectors. */
  private static void writeJson(OutputStream out, WordPooledEncoding e) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("units");
      for (int k = 0; k < e.words(); k++) g.writeArray(e.ids(), k * e.width(), e.width());
      g.writeEndArray();
      g.writeFieldName("lengths");
      g.writeArray(e.lengths(), 0, e.words());
      g.writeFieldName("continuation");
      g.writeArray(e.continuation(), 0, e.words());
      g.writeEndObject();
    }
  }

  /** Parses one JSON line of {@link #writeJson}; anything else is an IllegalArgumentException saying what. */
  private static WordPooledEncoding parseJson(byte[] line, int width) {
    JsonNode root;
    try {
      root = Reader.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? dev.toksmith.vocab.io.JsonErrors.describe(j) : e.getMessage()));
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("expected a JSON object {\"units\":[[...]],\"lengths\":[...],\"continuation\":[...]}");
    for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
      String name = fields.next().getKey();
      if (!Set.of("units", "lengths", "continuation").contains(name)) throw new IllegalArgumentException("unknown field \"" + name + "\"");
    }
    JsonNode rows = field(root, "units");
    int[] lengths = ints(field(root, "lengths"), "lengths");
    int[] continuation = ints(field(root, "continuation"), "continuation");
    int[] ids = new int[rows.size() * width];
    for (int k = 0; k < rows.size(); k++) {
      int[] row = ints(rows.get(k), "units[" + k + "]");
      if (row.length != width) throw new IllegalArgumentException("units[" + k + "] has " + row.length + " ids, not the row width " + width + " (--slots + --max-units)");
      System.arraycopy(row, 0, ids, k * width, width);
    }
    if (lengths.length != rows.size() || continuation.length != rows.size()) {
      throw new IllegalArgumentException(rows.size() + " rows but " + lengths.length + " lengths and " + continuation.length + " continuation flags");
    }
    return new WordPooledEncoding(width, ids, lengths, continuation);
  }

  private static JsonNode field(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node == null || !node.isArray()) throw new IllegalArgumentException("missing array field \"" + name + "\"");
    return node;
  }

  private static int[] ints(JsonNode array, String what) {
    if (!array.isArray()) throw new IllegalArgumentException(what + " is not an array");
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = array.get(i);
      if (!v.isInt()) throw new IllegalArgumentException(what + "[" + i + "] is not a 32-bit integer: " + v);
      values[i] = v.intValue();
    }
    return values;
  }
}
