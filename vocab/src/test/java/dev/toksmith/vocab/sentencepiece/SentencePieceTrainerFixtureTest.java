package dev.toksmith.vocab.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.Corpus;
import dev.toksmith.SentencePieceTrainer;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * toksmith's SentencePiece trainers against SentencePiece's own (the {@code sentencepiece} 0.2.2
 * wheel), trained on the bundled samples except five held out, with the settings of each {@code
 * sp-trainer/NAME.settings.json}; and toksmith's trained models run by SentencePiece and by Hugging
 * Face {@code tokenizers} 0.23.2 ({@code sp-trainer/make-fixtures.py} made every file).
 */
class SentencePieceTrainerFixtureTest {
  /** The samples make-fixtures.py holds out of training; heldout.txt is their non-empty lines. */
  private static final Set<String> HELD_OUT = Set.of("us-declaration-of-independence", "udhr-deu", "udhr-jpn", "udhr-rus", "udhr-hin");
  private static final Map<String, Pipeline> TRAINED = new ConcurrentHashMap<>();

  @ParameterizedTest
  @ValueSource(strings = {"bpe-default", "bpe-llama"})
  void bpeLearnsSentencePiecesPiecesInOrder(String name) throws Exception {
    List<String> expected = referencePieces(name);
    List<String> actual = pieces(trained(name));
    assertEquals(expected.size(), actual.size(), "vocabulary size");
    for (int id = 0; id < expected.size(); id++) assertEquals(expected.get(id), actual.get(id), "piece " + id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram-default", "unigram-options"})
  void unigramLearnsSentencePiecesPieces(String name) throws Exception {
    List<String> expected = referencePieces(name);
    List<String> actual = pieces(trained(name));
    assertEquals(expected.size(), actual.size(), "vocabulary size");
    // Special, user-defined and byte pieces: the same ids.
    for (int id = 0; id < expected.size(); id++) {
      if (!expected.get(id).endsWith("\tNORMAL")) assertEquals(expected.get(id), actual.get(id), "special piece " + id);
    }
    Set<String> ours = texts(actual);
    Set<String> theirs = texts(expected);
    Set<String> union = new HashSet<>(ours);
    union.addAll(theirs);
    ours.retainAll(theirs);
    double jaccard = (double) ours.size() / union.size();
    // The issue asks for 0.90; the trainers agree far more closely than that (float sums aside).
    assertTrue(jaccard >= 0.98, () -> name + ": Jaccard overlap of the pieces " + jaccard);

    String[] reference = lines(name + ".spm.heldout").get(0).split(" ");
    long referenceTokens = Long.parseLong(reference[0]);
    long characters = Long.parseLong(reference[1]);
    long tokens = 0;
    long counted = 0;
    for (String line : lines("heldout.txt")) {
      tokens += trained(name).encodeIds(line).length;
      counted += line.codePointCount(0, line.length());
    }
    assertEquals(characters, counted, "held-out characters");
    double ratio = (double) tokens / referenceTokens;
    assertTrue(Math.abs(ratio - 1) <= 0.01, () -> name + ": tokens per character " + ratio + " times SentencePiece's");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bpe-llama", "unigram-default", "unigram-options"})
  void trainedModelIsTheOneTheReferencesRan(String name) throws Exception {
    // The committed model is what the trainer makes today (remake the fixtures when the trainer changes).
    assertArrayEquals(bytes(name + ".toksmith.model"), SentencePieceFiles.write(trained(name)), "toksmith's model differs from " + name + ".toksmith.model");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bpe-llama", "unigram-default", "unigram-options"})
  void sentencePieceRunsTheModelWithToksmithsIds(String name) throws Exception {
    Pipeline model = load(name);
    List<String> held = lines("heldout.txt");
    List<String> expected = lines(name + ".spm-ids");
    for (int i = 0; i < held.size(); i++) assertEquals(expected.get(i), ids(model.encodeIds(held.get(i))), name + " line " + (i + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bpe-llama", "unigram-default", "unigram-options"})
  void huggingFaceRunsTheTokenizerJsonWithToksmithsIds(String name) throws Exception {
    // The tokenizer.json toksmith writes for its model (what make-fixtures.py had Hugging Face run), read back.
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Tokenizers.write(load(name), json);
    Tokenizer converted = Tokenizers.load(new ByteArrayInputStream(json.toByteArray()), name + ".json");
    List<String> held = lines("heldout.txt");
    // make-fixtures.py writes Hugging Face's ids only where they differ from SentencePiece's.
    List<String> expected = exists(name + ".hf-ids") ? lines(name + ".hf-ids") : lines(name + ".spm-ids");
    for (int i = 0; i < held.size(); i++) assertEquals(expected.get(i), ids(converted.encodeIds(held.get(i))), name + " line " + (i + 1));
  }

  private static Pipeline load(String name) throws IOException {
    return SentencePieceFiles.read(bytes(name + ".toksmith.model"), name);
  }

  /** Trains (once per configuration) on the samples make-fixtures.py trained on. */
  private static Pipeline trained(String name) {
    return TRAINED.computeIfAbsent(name, n -> {
      try {
        List<Corpus.Source> sources = new ArrayList<>();
        for (Sample s : Samples.all()) if (!HELD_OUT.contains(s.name())) sources.add(new Corpus.Source(s.name(), s::open));
        return (Pipeline) settings(n).threads(2).build().train(Corpus.ofSources(sources)).tokenizer();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** spm_train's options, as the fixture script gave them, on toksmith's builder. */
  private static SentencePieceTrainer.Builder settings(String name) throws IOException {
    JsonNode json = new ObjectMapper().readTree(bytes(name + ".settings.json"));
    SentencePieceTrainer.Builder b = json.get("model_type").asText().equals("bpe") ? SentencePieceTrainer.bpe() : SentencePieceTrainer.unigram();
    for (Map.Entry<String, JsonNode> option : (Iterable<Map.Entry<String, JsonNode>>) json::fields) {
      JsonNode v = option.getValue();
      switch (option.getKey()) {
        case "model_type" -> {}
        case "vocab_size" -> b.vocabSize(v.asInt());
        case "byte_fallback" -> b.byteFallback(v.asBoolean());
        case "split_digits" -> b.splitDigits(v.asBoolean());
        case "allow_whitespace_only_pieces" -> b.allowWhitespaceOnlyPieces(v.asBoolean());
        case "normalization_rule_name" -> b.normalization(v.asText());
        case "remove_extra_whitespaces" -> b.removeExtraWhitespaces(v.asBoolean());
        case "character_coverage" -> b.characterCoverage(v.asDouble());
        case "max_sentencepiece_length" -> b.maxPieceLength(v.asInt());
        case "user_defined_symbols" -> b.userDefinedSymbols(List.of(v.asText().split(",")));
        case "treat_whitespace_as_suffix" -> b.treatWhitespaceAsSuffix(v.asBoolean());
        default -> throw new IllegalArgumentException("no toksmith setting for " + option.getKey());
      }
    }
    return b;
  }

  /** Piece, score and type per id, as make-fixtures.py writes SentencePiece's pieces. */
  private static List<String> pieces(Pipeline tokenizer) {
    List<String> rows = new ArrayList<>();
    for (SentencePieceModel.Piece p : ((SentencePieceModel) tokenizer.model()).pieces()) rows.add(p.text() + "\t" + p.score() + "\t" + p.type());
    return rows;
  }

  /** SentencePiece's pieces as {@link #pieces} lays them out (its scores are single-precision floats, written as doubles). */
  private static List<String> referencePieces(String name) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : lines(name + ".spm.tsv")) {
      String[] fields = line.split("\t", -1);
      rows.add(fields[0] + "\t" + (float) Double.parseDouble(fields[1]) + "\t" + fields[2]);
    }
    return rows;
  }

  private static Set<String> texts(List<String> rows) {
    Set<String> texts = new HashSet<>();
    for (String row : rows) if (row.endsWith("\tNORMAL")) texts.add(row.substring(0, row.indexOf('\t')));
    return texts;
  }

  private static String ids(int[] ids) {
    return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
  }

  private static boolean exists(String name) {
    return SentencePieceTrainerFixtureTest.class.getResource("/sp-trainer/" + name) != null;
  }

  private static byte[] bytes(String name) throws IOException {
    try (InputStream in = SentencePieceTrainerFixtureTest.class.getResourceAsStream("/sp-trainer/" + name)) {
      if (in == null) throw new IOException("missing fixture sp-trainer/" + name);
      return in.readAllBytes();
    }
  }

  /** Lines ended by \n (a \r is text). */
  private static List<String> lines(String name) throws IOException {
    String text = new String(bytes(name), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
    return lines;
  }
}
