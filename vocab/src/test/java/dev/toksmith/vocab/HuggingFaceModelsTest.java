package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every model type on realistic vocabularies, against Hugging Face on every line of the bundled
 * samples and on edge strings: ids, token strings, offsets and decoding, then the same after
 * toksmith writes the tokenizer.json and both read it back.
 *
 * <p>The vocabularies come from SentencePiece (resources/models, see make-fixtures.sh): a Unigram and
 * a Llama-style BPE model with byte fallback, and WordPiece, WordLevel and BPE vocabularies with a
 * continuing-subword prefix or an end-of-word suffix derived from the BPE one. Metaspace is emulated
 * on the input (spaces spelled "▁" and a leading "▁") with a Split pre-tokenizer, so the test needs
 * no pre-tokenizer beyond Split.
 */
class HuggingFaceModelsTest {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();
  private static final String METASPACE = "\u2581";
  private static final List<String> EDGE_TEXTS = List.of(
      "", " ", "  ", "a", "unknown \u2603\u2604 characters \uA9C1\uA9C2 and \u1D400", "emoji 😀 👍🏽 👨‍👩‍👧‍👦 🇺🇸 in a row😀😀😀",
      "CJK \uD840\uDC00\uD869\uDEDF 中文 日本語", "e\u0301 combining \u0308\u0308 marks", "\u0000 control \u0007 \u001B[0m", "tabs\tand\u00A0no-break",
      "Supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis", "x".repeat(120), "ab".repeat(200) + " end",
      "<unk> <s> </s> [UNK] <0x41> ##s s</w>", "1234567890 3.14", "don't I'LL", "\u2581 already \u2581\u2581 spelled");

  private static Map<String, List<String>> sampleLines;

  /** Every line of every sample, then the edge strings. */
  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (List<String> lines : lines().values()) texts.addAll(lines);
    texts.addAll(EDGE_TEXTS);
    return texts;
  }

  /** The first {@code n} lines of every sample, then the edge strings. */
  private static List<String> someTexts(int n) {
    List<String> texts = new ArrayList<>();
    for (List<String> lines : lines().values()) texts.addAll(lines.subList(0, Math.min(n, lines.size())));
    texts.addAll(EDGE_TEXTS);
    return texts;
  }

  private static synchronized Map<String, List<String>> lines() {
    if (sampleLines == null) {
      sampleLines = new LinkedHashMap<>();
      for (Sample s : Samples.all()) sampleLines.put(s.name(), Arrays.asList(s.text().split("\n", -1)));
    }
    return sampleLines;
  }

  /** Spaces spelled as Metaspace spells them, with its leading "▁". */
  private static List<String> metaspaced(List<String> texts) {
    return texts.stream().map(t -> METASPACE + t.replace(" ", METASPACE)).toList();
  }

  private static ObjectNode fixture(String name) {
    try (InputStream in = HuggingFaceModelsTest.class.getResourceAsStream("/models/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode node(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture with only the pipeline stages toksmith has, and the given pre-tokenizer. */
  private static ObjectNode withPreTokenizer(ObjectNode tokenizer, String preTokenizer) {
    ObjectNode t = tokenizer.deepCopy();
    t.set("normalizer", null);
    t.set("pre_tokenizer", preTokenizer == null ? null : node(preTokenizer));
    t.set("decoder", null);
    return t;
  }

  private static final String SPLIT_METASPACE = "{\"type\":\"Split\",\"pattern\":{\"String\":\"\u2581\"},\"behavior\":\"MergedWithNext\",\"invert\":false}";
  private static final String SPLIT_SPACES = "{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"behavior\":\"Removed\",\"invert\":false}";

  private static String text(JsonNode json) {
    try {
      return JSON.writeValueAsString(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Tokenizer load(String json) throws IOException {
    return Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "variant.json");
  }

  /**
   * Compares toksmith with Hugging Face on {@code json}, then again on the tokenizer.json toksmith
   * writes for it.
   */
  private static void compare(ObjectNode json, List<String> texts) throws IOException {
    withAddedTokenIds(json);
    Tokenizer ours = load(text(json));
    compare(ours, text(json), texts);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    Tokenizers.write(ours, written);
    String rewritten = written.toString(StandardCharsets.UTF_8);
    compare(load(rewritten), rewritten, fewer(texts));
  }

  /**
   * Stores each added token with the id Hugging Face gives it, which toksmith requires (Hugging Face
   * ignores stored ids): the model's id for a token in its vocabulary, else the next one after the
   * vocabulary and the tokens added before it. The variants here swap models under the fixture's tokens.
   */
  private static void withAddedTokenIds(ObjectNode json) {
    JsonNode vocab = json.get("model").get("vocab");
    Map<String, Integer> ids = new java.util.HashMap<>();
    if (vocab.isArray()) {
      for (int i = 0; i < vocab.size(); i++) ids.putIfAbsent(vocab.get(i).get(0).asText(), i);
    } else {
      vocab.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
    }
    int size = vocab.size();
    int max = -1;
    for (JsonNode added : json.get("added_tokens")) {
      String content = added.get("content").asText();
      Integer id = ids.get(content);
      if (id == null) {
        id = max < 0 ? size : max >= size ? max + 1 : size;
        ids.put(content, id);
      }
      max = Math.max(max, id);
      ((ObjectNode) added).put("id", id);
    }
  }

  /** A long list thinned to every 20th text and the last ones (the edge strings), to check a rewritten file. */
  private static List<String> fewer(List<String> texts) {
    if (texts.size() < 5000) return texts;
    List<String> fewer = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) if (i % 20 == 0 || i >= texts.size() - EDGE_TEXTS.size()) fewer.add(texts.get(i));
    return fewer;
  }

  private static void compare(Tokenizer ours, String json, List<String> texts) {
    try (HfReference hf = HfReference.load(json)) {
      List<HfReference.Encoded> expected = hf.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        String t = texts.get(i);
        HfReference.Encoded e = expected.get(i);
        Encoding actual = ours.encode(t, false);
        assertArrayEquals(e.ids(), Arrays.stream(actual.ids()).asLongStream().toArray(), () -> "ids of [" + t + "]");
        for (int k = 0; k < actual.size(); k++) {
          int kk = k;
          assertEquals(e.tokens()[k], actual.tokens().get(k), () -> "token " + kk + " of [" + t + "]");
          assertEquals(e.starts()[k] + "-" + e.ends()[k], actual.start(k) + "-" + actual.end(k), () -> "offsets of token " + kk + " of [" + t + "]");
        }
        assertEquals(hf.decode(e.ids(), false), ours.decode(actual.ids(), false), () -> "decode of [" + t + "]");
      }
    }
  }

  private static ObjectNode model(ObjectNode tokenizer) {
    return (ObjectNode) tokenizer.get("model");
  }

  // ---------------------------------------------------------------- Unigram

  @Test
  void unigramWithByteFallbackOnMetaspacePieces() throws IOException {
    compare(withPreTokenizer(fixture("spm-unigram.json"), SPLIT_METASPACE), metaspaced(texts()));
  }

  @Test
  void unigramWithUnknownTokensOnWholeLines() throws IOException {
    ObjectNode t = withPreTokenizer(fixture("spm-unigram.json"), null);
    model(t).put("byte_fallback", false);
    compare(t, metaspaced(someTexts(100)));
    model(t).put("byte_fallback", true);
    compare(t, metaspaced(someTexts(50)));
  }

  /**
   * Hugging Face reads a number as serde_json does without float_roundtrip, often a unit in the last
   * place off. Each case here is a tie in Unigram's Viterbi unless that reading breaks it: "ab"
   * against "a" + "b" (score 0), one side scored by a decimal of 17 to 19 digits, the other by the
   * shortest decimal of its correctly rounded value.
   */
  @Test
  void unigramScoresAreReadAsHuggingFaceReadsThem() throws IOException {
    Random random = new Random(11);
    ArrayNode vocab = JSON.createArrayNode();
    vocab.add(JSON.createArrayNode().add("<unk>").add(0));
    List<String> texts = new ArrayList<>();
    int next = 0x4E00;
    for (int i = 0; i < 1000; i++) {
      StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
      for (int d = 16 + random.nextInt(3); d > 0; d--) digits.append(random.nextInt(10));
      String literal = "-" + digits.charAt(0) + "." + digits.substring(1) + (i % 3 == 0 ? "e-" + random.nextInt(30) : "");
      String exact = Double.toString(Double.parseDouble(literal));
      for (boolean literalOnWhole : new boolean[] {true, false}) {
        String a = String.valueOf((char) next++);
        String b = String.valueOf((char) next++);
        vocab.add(JSON.createArrayNode().add(a + b).add(node(literalOnWhole ? literal : exact)));
        vocab.add(JSON.createArrayNode().add(a).add(node(literalOnWhole ? exact : literal)));
        vocab.add(JSON.createArrayNode().add(b).add(0));
        texts.add(a + b);
      }
    }
    ObjectNode t = withPreTokenizer(fixture("spm-unigram.json"), null);
    model(t).set("vocab", vocab);
    model(t).put("unk_id", 0);
    compare(t, texts);
    try (HfReference hf = HfReference.load(text(t))) {
      long split = hf.encodeAll(texts).stream().filter(e -> e.ids().length == 2).count();
      // A correct reading makes every case an exact tie, which keeps "ab" whole.
      assertTrue(split >= 20, () -> "only " + split + " cases decided by Hugging Face's reading");
    }
  }

  // ---------------------------------------------------------------- BPE, SentencePiece style

  @Test
  void llamaStyleBpeWithByteFallbackOnWholeLines() throws IOException {
    compare(withPreTokenizer(fixture("spm-bpe.json"), null), metaspaced(texts()));
  }

  @Test
  void llamaStyleBpeWithUnknownTokensFusedOrNot() throws IOException {
    for (boolean fuse : new boolean[] {true, false}) {
      ObjectNode t = withPreTokenizer(fixture("spm-bpe.json"), SPLIT_METASPACE);
      model(t).put("byte_fallback", false);
      model(t).put("fuse_unk", fuse);
      compare(t, metaspaced(someTexts(50)));
    }
  }

  @Test
  void bpeIgnoringMergesForWholePieces() throws IOException {
    ObjectNode t = withPreTokenizer(fixture("spm-bpe.json"), SPLIT_METASPACE);
    model(t).put("ignore_merges", true);
    compare(t, metaspaced(someTexts(100)));
  }

  @Test
  void byteLevelBpeIgnoringMerges() throws IOException {
    List<Corpus.Source> sources = new ArrayList<>();
    for (String name : List.of("udhr-eng", "udhr-rus", "udhr-cmn-hans", "udhr-hin")) {
      Sample s = Samples.byName(name);
      sources.add(new Corpus.Source(s.name(), s::open));
    }
    Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(1000).build().train(Corpus.ofSources(sources)).tokenizer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(trained, out);
    ObjectNode t = (ObjectNode) JSON.readTree(out.toByteArray());
    model(t).put("ignore_merges", true);
    compare(t, someTexts(100));
  }

  // ---------------------------------------------------------------- vocabularies derived from the BPE fixture

  /** The SentencePiece BPE pieces in id order, without the special and byte pieces. */
  private static List<String> pieces() {
    List<String> pieces = new ArrayList<>();
    model(fixture("spm-bpe.json")).get("vocab").fieldNames().forEachRemaining(p -> {
      if (!p.startsWith("<")) pieces.add(p);
    });
    return pieces;
  }

  private static List<String[]> pieceMerges() {
    List<String[]> merges = new ArrayList<>();
    for (JsonNode m : model(fixture("spm-bpe.json")).get("merges")) merges.add(new String[] {m.get(0).asText(), m.get(1).asText()});
    return merges;
  }

  /** WordPiece's spelling of a piece: a word start loses its "▁", anything else gets "##". */
  private static String continuing(String piece) {
    return piece.startsWith(METASPACE) ? piece.substring(1) : "##" + piece;
  }

  /** Tokens with ids in order, the first occurrence keeping its id. */
  private static ObjectNode ids(List<String> tokens) {
    ObjectNode ids = JSON.createObjectNode();
    for (String token : tokens) if (!token.isEmpty() && !ids.has(token)) ids.put(token, ids.size());
    return ids;
  }

  /** The pieces in WordPiece spelling, and every single character both as word start and continuation. */
  private static List<String> wordPieceTokens(String unk) {
    List<String> tokens = new ArrayList<>(List.of(unk));
    for (String p : pieces()) {
      tokens.add(continuing(p));
      if (p.codePointCount(0, p.length()) == 1) tokens.add(p);
    }
    return tokens;
  }

  private static ObjectNode derived(String model) {
    return withPreTokenizer(fixture("spm-bpe.json"), SPLIT_SPACES).set("model", node(model));
  }

  @Test
  void wordPiece() throws IOException {
    for (int max : new int[] {100, 8}) {
      ObjectNode t = derived("{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":" + max + "}");
      model(t).set("vocab", ids(wordPieceTokens("[UNK]")));
      compare(t, max == 100 ? texts() : someTexts(100));
    }
  }

  @Test
  void wordLevel() throws IOException {
    List<String> tokens = new ArrayList<>(List.of("<unk>"));
    for (String p : pieces()) tokens.add(p.startsWith(METASPACE) ? p.substring(1) : p);
    ObjectNode t = derived("{\"type\":\"WordLevel\",\"unk_token\":\"<unk>\"}");
    model(t).set("vocab", ids(tokens));
    compare(t, texts());
  }

  @Test
  void bpeWithContinuingSubwordPrefix() throws IOException {
    ArrayNode merges = JSON.createArrayNode();
    for (String[] m : pieceMerges()) if (!m[0].equals(METASPACE)) merges.add(JSON.createArrayNode().add(continuing(m[0])).add(continuing(m[1])));
    ObjectNode t = derived("{\"type\":\"BPE\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"fuse_unk\":true}");
    model(t).set("vocab", ids(wordPieceTokens("[UNK]")));
    model(t).set("merges", merges);
    compare(t, someTexts(100));
  }

  @Test
  void bpeWithEndOfWordSuffix() throws IOException {
    UnaryOperator<String> word = p -> p.startsWith(METASPACE) ? p.substring(1) : p;
    List<String> tokens = new ArrayList<>(List.of("<unk>"));
    for (String p : pieces()) {
      tokens.add(word.apply(p));
      tokens.add(word.apply(p) + "</w>");
    }
    // Each merge also at the end of a word; "▁a" and "a" give the same pair twice, the later rank counts.
    ArrayNode merges = JSON.createArrayNode();
    for (String[] m : pieceMerges()) {
      if (m[0].equals(METASPACE)) continue;
      merges.add(JSON.createArrayNode().add(word.apply(m[0])).add(m[1]));
      merges.add(JSON.createArrayNode().add(word.apply(m[0])).add(m[1] + "</w>"));
    }
    for (String prefix : new String[] {"null", "\"\""}) {
      ObjectNode t = derived("{\"type\":\"BPE\",\"unk_token\":\"<unk>\",\"continuing_subword_prefix\":" + prefix + ",\"end_of_word_suffix\":\"</w>\"}");
      model(t).set("vocab", ids(tokens));
      model(t).set("merges", merges);
      compare(t, someTexts(100));
    }
  }
}
