package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.api.AddedTokenEntry;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.tiktoken.TiktokenEncodings;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What {@link Tokenizer} answers without a downcast (added and special tokens, allowed specials,
 * token bytes, the description of its stages) against the files the tokenizers come from, and the
 * one truncation, padding and batching layer on both kinds of tokenizer.
 */
class TokenizerContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // ------------------------------------------------------------------ token bytes

  /** Every id's bytes are the bytes o200k_base.tiktoken (tiktoken's published rank file) gives that rank. */
  @Test
  void tokenBytesOfO200kAreTheRankFilesBytes() throws Exception {
    Tokenizer o200k = Tokenizers.load("o200k_base");
    int ranks = 0;
    try (InputStream in = TiktokenEncodings.class.getResourceAsStream("o200k_base.tiktoken")) {
      assertNotNull(in, "o200k_base.tiktoken is unpacked from jtokkit's jar by the build");
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) continue;
        int space = line.indexOf(' ');
        byte[] expected = Base64.getDecoder().decode(line.substring(0, space));
        int rank = Integer.parseInt(line.substring(space + 1));
        assertArrayEquals(expected, o200k.tokenBytes(rank), "rank " + rank);
        ranks++;
      }
    }
    assertEquals(199998, ranks);
    assertArrayEquals("<|endoftext|>".getBytes(StandardCharsets.UTF_8), o200k.tokenBytes(199999));
    assertThrows(IllegalArgumentException.class, () -> o200k.tokenBytes(o200k.idBound()));
    assertThrows(IllegalArgumentException.class, () -> o200k.tokenBytes(-1));
  }

  /** A byte-level tokenizer.json gives the same bytes per id as its tiktoken twin, and decoding is their concatenation. */
  @Test
  void tokenBytesOfAByteLevelPipelineMatchTiktoken() throws Exception {
    Tokenizer cl100k = Tokenizers.load("cl100k_base");
    Tokenizer pipeline = asPipeline(cl100k);
    byte[] text = Samples.byName("udhr-rus").text().substring(0, 2000).getBytes(StandardCharsets.UTF_8);
    int[] ids = pipeline.encodeBytes(text);
    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    for (int id : ids) {
      assertArrayEquals(cl100k.tokenBytes(id), pipeline.tokenBytes(id), "id " + id);
      joined.writeBytes(pipeline.tokenBytes(id));
    }
    assertArrayEquals(text, joined.toByteArray());
  }

  // ------------------------------------------------------------------ added and special tokens

  /**
   * Each real tokenizer.json (loaded once, they are large): its added tokens are the file's {@code
   * added_tokens}, and its stages are described with the types and key parameters the file holds.
   */
  @TestFactory
  Stream<DynamicTest> realFilesAnswerWhatTheirFilesHold() throws Exception {
    return RealTokenizerFiles.eachFile(Path.of(""), file -> {
      JsonNode json = JSON.readTree(file.toFile());
      Tokenizer tok = Tokenizers.load(file.toString());
      addedTokensAreTheFilesAddedTokens(json, tok);
      descriptionFollowsTheFile(json, tok.description());
      if (file.getFileName().toString().equals("llama3.json")) llama3WithoutAllowedSpecialsEncodesTheirText(tok);
    });
  }

  /** The added tokens are the file's {@code added_tokens}: ids, contents, special flags. */
  private static void addedTokensAreTheFilesAddedTokens(JsonNode json, Tokenizer tok) {
    List<AddedTokenEntry> expected = new ArrayList<>();
    Set<String> specials = new LinkedHashSet<>();
    for (JsonNode t : json.path("added_tokens")) {
      expected.add(new AddedTokenEntry(t.get("id").asInt(), t.get("content").asText(), t.get("special").asBoolean()));
      if (t.get("special").asBoolean()) specials.add(t.get("content").asText());
    }
    expected.sort(java.util.Comparator.comparingInt(AddedTokenEntry::id));
    assertEquals(expected, tok.addedTokens());
    assertEquals(specials, tok.specialTokens());
    assertEquals(specials, tok.allowedSpecial(), "a tokenizer.json matches all its special tokens");
    for (AddedTokenEntry t : expected) assertEquals(t.special(), tok.isSpecialToken(t.id()), t.content());
  }

  /** Tiktoken's special tokens, as tiktoken lists them for cl100k_base, none allowed by default. */
  @Test
  void tiktokenSpecialTokens() throws Exception {
    Tokenizer cl100k = Tokenizers.load("cl100k_base");
    assertEquals(List.of(new AddedTokenEntry(100257, "<|endoftext|>", true), new AddedTokenEntry(100258, "<|fim_prefix|>", true),
        new AddedTokenEntry(100259, "<|fim_middle|>", true), new AddedTokenEntry(100260, "<|fim_suffix|>", true),
        new AddedTokenEntry(100276, "<|endofprompt|>", true)), cl100k.addedTokens());
    assertEquals(Set.of(), cl100k.allowedSpecial());
    assertEquals(cl100k.specialTokens(), cl100k.withAllowedSpecial(cl100k.specialTokens()).allowedSpecial());
  }

  /**
   * Allowing some specials means the same on a tiktoken encoding and on its Hugging Face pipeline: the
   * ids of texts full of special tokens agree for every allowed set, and the ones not allowed are text.
   */
  @Test
  void allowedSpecialsAgreeBetweenTiktokenAndItsPipeline() throws Exception {
    Tokenizer cl100k = Tokenizers.load("cl100k_base");
    Tokenizer pipeline = asPipeline(cl100k);
    String text = "a<|endoftext|>b <|fim_prefix|>x<|fim_middle|><|fim_suffix|> <|endofprompt|>\n<|endoftext|>";
    List<Set<String>> sets = List.of(Set.of(), Set.of("<|endoftext|>"), Set.of("<|fim_prefix|>", "<|endofprompt|>"), cl100k.specialTokens());
    for (Set<String> allowed : sets) {
      Tokenizer t = cl100k.withAllowedSpecial(allowed);
      Tokenizer p = pipeline.withAllowedSpecial(allowed);
      assertEquals(allowed, p.allowedSpecial());
      assertArrayEquals(t.encodeIds(text), p.encodeIds(text), "allowed " + allowed);
      assertArrayEquals(t.encodeBytes(text.getBytes(StandardCharsets.UTF_8)), p.encodeBytes(text.getBytes(StandardCharsets.UTF_8)), "allowed " + allowed);
      assertEquals(t.encode(text).ids().length, p.encode(text).ids().length);
      assertEquals(text, p.decode(p.encodeIds(text)));
    }
    assertThrows(IllegalArgumentException.class, () -> pipeline.withAllowedSpecial(Set.of("<|im_start|>")));
    assertThrows(IllegalArgumentException.class, () -> cl100k.withAllowedSpecial(Set.of("<|im_start|>")));
  }

  /**
   * llama3 with no special token allowed reads "<|begin_of_text|>" as text, as Hugging Face's
   * split_special_tokens does: the ids of the same pipeline without any added token.
   */
  private static void llama3WithoutAllowedSpecialsEncodesTheirText(Tokenizer llama3) {
    Pipeline full = (Pipeline) llama3;
    Pipeline ordinary = new Pipeline(full.normalizer(), full.preTokenizer(), full.model(), null, full.decoder(), List.of());
    String text = "<|begin_of_text|>Hello<|eot_id|> world<|start_header_id|>user<|end_header_id|>";
    Tokenizer plain = llama3.withAllowedSpecial(Set.of());
    assertArrayEquals(ordinary.encodeIds(text), plain.encodeIds(text));
    assertEquals(Set.of(), plain.allowedSpecial());
    assertEquals(128000, llama3.encodeIds(text)[0]);
    assertEquals(text, plain.decode(plain.encodeIds(text)));
    // Still in the vocabulary: their ids decode, and are still special.
    assertEquals("<|begin_of_text|>", plain.decode(new int[] {128000}));
    assertTrue(plain.isSpecialToken(128000));
    int[] allowedOne = llama3.withAllowedSpecial(Set.of("<|eot_id|>")).encodeIds(text);
    assertEquals(1, java.util.Arrays.stream(allowedOne).filter(id -> id >= 128000).count());
  }

  // ------------------------------------------------------------------ description

  /** The stages are described with the types and key parameters the file holds. */
  private static void descriptionFollowsTheFile(JsonNode json, TokenizerDescription d) {
    sameStage(json.path("normalizer"), d.normalizer(), "normalizers");
    sameStage(json.path("pre_tokenizer"), d.preTokenizer(), "pretokenizers");
    sameStage(json.path("post_processor"), d.postProcessor(), "processors");
    sameStage(json.path("decoder"), d.decoder(), "decoders");
    JsonNode model = json.get("model");
    if (model.has("type")) assertEquals(model.get("type").asText(), d.model().type()); // old files leave it out
    if (d.model().type().equals("BPE")) {
      @SuppressWarnings("unchecked")
      List<String> merges = (List<String>) d.model().parameter("merges");
      assertEquals(model.get("merges").size(), merges.size());
      JsonNode first = model.get("merges").get(0);
      assertEquals(first.isArray() ? first.get(0).asText() + " " + first.get(1).asText() : first.asText(), merges.get(0));
      assertEquals(model.path("byte_fallback").asBoolean(false), d.model().flag("byte_fallback"));
      assertEquals(model.path("ignore_merges").asBoolean(false), d.model().flag("ignore_merges"));
      assertEquals(model.path("unk_token").isTextual() ? model.get("unk_token").asText() : null, d.model().parameter("unk_token"));
    }
    if (d.model().type().equals("WordPiece")) assertEquals(model.get("unk_token").asText(), d.model().parameter("unk_token"));
  }

  private static void sameStage(JsonNode json, Stage stage, String childrenField) {
    if (json.isMissingNode() || json.isNull()) {
      assertNull(stage);
      return;
    }
    assertNotNull(stage, json.toString());
    assertEquals(json.get("type").asText(), stage.type());
    JsonNode children = json.path(childrenField);
    assertEquals(children.size(), stage.children().size(), stage.type());
    for (int i = 0; i < children.size(); i++) sameStage(children.get(i), stage.children().get(i), childrenField);
    if (!childrenField.equals("pretokenizers")) return;
    switch (stage.type()) {
      case "ByteLevel" -> {
        if (json.has("add_prefix_space")) assertEquals(json.get("add_prefix_space").asBoolean(), stage.flag("add_prefix_space"));
        if (json.has("use_regex")) assertEquals(json.get("use_regex").asBoolean(), stage.flag("use_regex"));
      }
      case "Split" -> {
        JsonNode pattern = json.get("pattern");
        assertEquals(pattern.has("Regex"), stage.flag("regex"));
        assertEquals(pattern.has("Regex") ? pattern.get("Regex").asText() : pattern.get("String").asText(), stage.parameter("pattern"));
        assertEquals(json.get("behavior").asText(), stage.parameter("behavior"));
        assertEquals(json.get("invert").asBoolean(), stage.flag("invert"));
      }
      default -> {}
    }
  }

  /** A tiktoken encoding describes itself as the Hugging Face stages its pipeline has, around its rank table. */
  @Test
  void tiktokenDescription() throws Exception {
    TiktokenTokenizer o200k = (TiktokenTokenizer) Tokenizers.load("o200k_base");
    TokenizerDescription d = o200k.description();
    assertEquals("Tiktoken", d.model().type());
    assertEquals("o200k_base", d.model().parameter("name"));
    assertEquals(o200k.model().size(), d.model().parameter("ranks"));
    assertTrue(d.byteLevel());
    assertNull(d.normalizer());
    assertEquals("ByteLevel", d.decoder().type());
    TokenizerDescription twin = o200k.stages().description();
    assertEquals(twin.preTokenizer().children().stream().map(Stage::type).toList(), d.preTokenizer().children().stream().map(Stage::type).toList());
    assertEquals(o200k.patternText(), d.preTokenizer().children().get(0).parameter("pattern"));
    assertFalse(d.preTokenizer().children().get(1).flag("use_regex"));
  }

  // ------------------------------------------------------------------ truncation, padding, batching

  /**
   * The one truncation and padding layer gives a tiktoken encoding and its Hugging Face pipeline the
   * same ids, masks and overflowing pieces, single and paired, in batches and alone.
   */
  @Test
  void truncationAndPaddingAgreeOnBothKinds() throws Exception {
    Tokenizer cl100k = Tokenizers.load("cl100k_base");
    Tokenizer pipeline = asPipeline(cl100k);
    List<String> texts = new ArrayList<>();
    for (String line : Samples.byName("udhr-eng").text().split("\n")) if (!line.isBlank() && texts.size() < 12) texts.add(line);
    texts.add("");
    List<String> pairs = new ArrayList<>(texts);
    java.util.Collections.reverse(pairs);
    List<Truncation> truncations = List.of(Truncation.of(7), new Truncation(9, 3, Truncation.Strategy.LONGEST_FIRST, Truncation.Direction.LEFT),
        new Truncation(12, 2, Truncation.Strategy.ONLY_SECOND, Truncation.Direction.RIGHT), new Truncation(10, 0, Truncation.Strategy.ONLY_FIRST, Truncation.Direction.RIGHT));
    List<Padding> paddings = List.of(Padding.batchLongest(100257, "<|endoftext|>"), Padding.fixed(16, 100257, "<|endoftext|>").withDirection(Truncation.Direction.LEFT),
        Padding.batchLongest(100257, "<|endoftext|>").withMultipleOf(8));
    for (Truncation truncation : truncations) {
      for (Padding padding : paddings) {
        Tokenizer t = cl100k.withTruncation(truncation).withPadding(padding);
        Tokenizer p = pipeline.withTruncation(truncation).withPadding(padding);
        String setting = truncation + " " + padding;
        if (truncation.strategy() != Truncation.Strategy.ONLY_SECOND) {
          sameEncodings(t.encodeBatch(texts, false), p.encodeBatch(texts, false), setting);
          for (String text : texts) {
            assertArrayEquals(t.encode(text).ids(), t.encodeIds(text), setting);
            assertEquals(t.encode(text).size(), t.countTokens(text), setting);
            assertArrayEquals(t.encode(text).ids(), t.encodeBytes(text.getBytes(StandardCharsets.UTF_8)), setting);
            assertArrayEquals(p.encode(text).ids(), p.encodeBytes(text.getBytes(StandardCharsets.UTF_8)), setting);
          }
        }
        boolean allCut = true;
        for (int i = 0; i < texts.size(); i++) {
          String text = texts.get(i);
          String pair = pairs.get(i);
          allCut &= sameOutcome(() -> List.of(t.encode(text, pair, false)), () -> List.of(p.encode(text, pair, false)), setting + " #" + i);
        }
        if (allCut) sameEncodings(t.encodeBatch(texts, pairs, false), p.encodeBatch(texts, pairs, false), setting);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> cl100k.withTruncation(new Truncation(4, 5, Truncation.Strategy.LONGEST_FIRST, Truncation.Direction.RIGHT)));
    assertThrows(IllegalArgumentException.class, () -> pipeline.encodeBatch(texts, pairs.subList(1, pairs.size()), false));
    assertThrows(IllegalArgumentException.class, () -> cl100k.encodeBatch(texts, pairs.subList(1, pairs.size()), false));
  }

  /**
   * The same encodings, or the same error (as when only one sequence may be cut and it is too short);
   * whether there were encodings.
   */
  private static boolean sameOutcome(java.util.function.Supplier<List<Encoding>> expected, java.util.function.Supplier<List<Encoding>> actual, String setting) {
    List<Encoding> e;
    try {
      e = expected.get();
    } catch (IllegalArgumentException error) {
      assertEquals(error.getMessage(), assertThrows(IllegalArgumentException.class, actual::get).getMessage(), setting);
      return false;
    }
    sameEncodings(e, actual.get(), setting);
    return true;
  }

  private static void sameEncodings(List<Encoding> expected, List<Encoding> actual, String setting) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Encoding e = expected.get(i);
      Encoding a = actual.get(i);
      assertArrayEquals(e.ids(), a.ids(), setting + " #" + i);
      assertArrayEquals(e.attentionMask(), a.attentionMask(), setting + " #" + i);
      assertArrayEquals(e.typeIds(), a.typeIds(), setting + " #" + i);
      assertArrayEquals(e.specialTokensMask(), a.specialTokensMask(), setting + " #" + i);
      sameEncodings(e.overflowing(), a.overflowing(), setting + " #" + i + " overflowing");
    }
  }

  // ------------------------------------------------------------------ overrides

  @Test
  void overridesKeepWhatIsNotGiven() {
    Truncation file = new Truncation(128, 4, Truncation.Strategy.ONLY_SECOND, Truncation.Direction.LEFT);
    assertEquals(new Truncation(64, 4, Truncation.Strategy.ONLY_SECOND, Truncation.Direction.LEFT), Truncation.override(file, 64, null, null));
    assertEquals(new Truncation(128, 0, Truncation.Strategy.ONLY_FIRST, Truncation.Direction.LEFT), Truncation.override(file, null, 0, Truncation.Strategy.ONLY_FIRST));
    assertEquals(Truncation.of(32), Truncation.override(null, 32, null, null));
    assertThrows(IllegalArgumentException.class, () -> Truncation.override(null, null, 2, null));

    Padding pad = new Padding(0, Truncation.Direction.LEFT, 0, 3, 1, "<pad>");
    assertEquals(new Padding(16, Truncation.Direction.LEFT, 8, 3, 1, "<pad>"), Padding.override(pad, 16, 8, null, null));
    assertEquals(new Padding(0, Truncation.Direction.LEFT, 0, 7, 1, "x"), Padding.override(pad, null, null, 7, "x"));
    assertEquals(Padding.batchLongest(5, "p"), Padding.override(null, 0, null, 5, "p"));
    assertThrows(IllegalArgumentException.class, () -> Padding.override(null, 0, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> Padding.override(null, null, null, 5, "p"));
    assertThrows(IllegalArgumentException.class, () -> Padding.override(pad, null, null, 5, null));
  }

  private static Tokenizer asPipeline(Tokenizer tiktoken) {
    return ((TiktokenTokenizer) tiktoken).stages();
  }
}
