package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.toksmith.DynamicMerger;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.MergeRule;
import dev.toksmith.api.MergeStats;
import dev.toksmith.api.MergedBatch;
import dev.toksmith.api.MergedToken;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DynamicMerger} over real tokenizers: tiktoken encodings and tokenizer.json BPE, Unigram, WordPiece. */
class DynamicMergerTokenizersTest {
  private static final Tokenizer O200K = load("o200k_base");

  private static Tokenizer load(String name) {
    try {
      return Tokenizers.load(name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Tokenizer family(String family) throws IOException {
    try (InputStream in = DynamicMergerTokenizersTest.class.getResourceAsStream("/families/" + family + ".json")) {
      return Tokenizers.load(new ByteArrayInputStream(in.readAllBytes()), family + ".json");
    }
  }

  /** The non-blank lines of a sample. */
  static List<String> lines(Sample sample) {
    return sample.text().lines().filter(l -> !l.isBlank()).toList();
  }

  /** Up to {@code perSample} lines of each UDHR translation, and emoji. */
  private static List<String> multilingualLines(int perSample) {
    List<String> lines = new ArrayList<>();
    for (Sample s : Samples.group("multilingual")) lines.addAll(lines(s).subList(0, Math.min(perSample, lines(s).size())));
    lines.addAll(lines(Samples.byName("emoji-test")).subList(0, perSample));
    return lines;
  }

  @Test
  void mergesOnlyInsideThePreTokenNotTheMergedString() {
    // o200k: " (“" "[" "T", pre-tokens " (“[" and "T"; "[T" on its own is a single o200k token.
    Encoding e = O200K.encode(" (“[T");
    assertArrayEquals(new int[] {31027, 58, 51}, e.ids());
    assertEquals(1, O200K.encode("[T").size());
    MergedBatch batch = DynamicMerger.builder(O200K).build().merge(List.of(" (“[T", " (“[T"));
    assertEquals(List.of(new MergedToken(200019, "Ġ(âĢľ[", new int[] {31027, 58}, 31027, 58, 2)), batch.newTokens());
    assertArrayEquals(new int[] {200019, 51}, batch.ids(0));
    assertEquals(List.of(" (“[", "T"), batch.tokenTexts(batch.ids(0)));
    MergedBatch none = DynamicMerger.builder(O200K).rule(MergeRule.none()).build().merge(List.of(" (“[T", " (“[T"));
    assertArrayEquals(new int[] {200020}, none.ids(0));
  }

  @Test
  void whitespaceOnlyLeadsAndWordsStayApart() {
    List<String> english = lines(Samples.byName("udhr-eng"));
    MergedBatch batch = DynamicMerger.builder(O200K).build().merge(english.subList(0, 64));
    assertFalse(batch.newTokens().isEmpty());
    for (MergedToken t : batch.newTokens()) {
      String text = O200K.decode(t.surface());
      assertTrue(text.matches("\\s*\\S*"), () -> "whitespace inside " + t);
    }
    MergedBatch none = DynamicMerger.builder(O200K).rule(MergeRule.none()).build().merge(english.subList(0, 64));
    assertTrue(none.newTokens().stream().anyMatch(t -> !O200K.decode(t.surface()).matches("\\s*\\S*")), "rule none merges across words");
  }

  @Test
  void partialCharactersMergeInsideAWord() {
    // 🦜 is three o200k tokens; the first merge joins three of its four bytes.
    assertArrayEquals(new int[] {4103, 99, 250, 4103, 99, 250}, O200K.encodeIds("🦜🦜"));
    MergedBatch batch = DynamicMerger.builder(O200K).maxMerges(1).build().merge(List.of("🦜🦜"));
    assertArrayEquals(new int[] {200019, 250, 200019, 250}, batch.ids(0));
    assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0xA6}, O200K.decodeBytes(batch.newTokens().get(0).surface(), false));
    assertEquals(List.of("", "🦜", "", "🦜"), batch.tokenTexts(batch.ids(0)));
    assertEquals("🦜🦜", batch.decode(batch.ids(0)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"o200k_base", "cl100k_base"})
  void decodesExactlyAndSaturatesAtWordLevel(String encoding) {
    checkBatches(load(encoding), multilingualLines(30), true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void tokenizerJsonFamilies(String family) throws IOException {
    // WordPiece and SentencePiece-style decoders are not exact inverses; merged ids decode as the base ids do.
    checkBatches(family(family), multilingualLines(6), family.equals("roberta"));
  }

  private static void checkBatches(Tokenizer tok, List<String> lines, boolean exactText) {
    DynamicMerger budget = DynamicMerger.builder(tok).maxMerges(100).build();
    DynamicMerger saturate = DynamicMerger.builder(tok).build();
    for (int from = 0; from < lines.size(); from += 64) {
      List<String> batchLines = lines.subList(from, Math.min(lines.size(), from + 64));
      List<Encoding> base = tok.encodeBatch(batchLines, false);
      MergedBatch merged = budget.merge(batchLines);
      MergedBatch words = saturate.merge(batchLines);
      for (int r = 0; r < batchLines.size(); r++) {
        String where = tok.getClass().getSimpleName() + " line " + (from + r) + ": " + batchLines.get(r);
        String expected = exactText ? batchLines.get(r) : tok.decode(base.get(r).ids());
        assertArrayEquals(base.get(r).ids(), merged.toBaseIds(merged.ids(r)), where);
        assertEquals(expected, merged.decode(merged.ids(r)), where);
        assertEquals(expected, String.join("", merged.tokenTexts(merged.ids(r))), where);
        assertArrayEquals(tok.decodeBytes(base.get(r).ids(), false), merged.decodeBytes(merged.ids(r)), where);
        assertEquals(expected, words.decode(words.ids(r)), where);
        assertOneTokenPerWord(base.get(r), words, words.ids(r), where);
      }
      assertEquals(words.stats().wordTokens(), words.stats().mergedTokens());
      assertEquals(100.0, words.stats().reduction());
    }
  }

  /**
   * The figures the README reports: o200k_base on the 30 bundled UDHR translations (non-blank lines,
   * batches of 32 lines within each language). L0 is checked against jtokkit's token count; the
   * merged lengths pin the documented table.
   */
  @Test
  void udhrReductionFiguresForO200k() {
    var jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    long jtokkitTokens = 0;
    MergeStats m50 = MergeStats.EMPTY;
    MergeStats words = MergeStats.EMPTY;
    for (Sample s : Samples.group("multilingual")) {
      List<String> lines = lines(s);
      for (String line : lines) jtokkitTokens += jtokkit.countTokensOrdinary(line);
      m50 = m50.plus(DynamicMerger.builder(O200K).maxMerges(50).build().measure(lines, 32));
      words = words.plus(DynamicMerger.builder(O200K).build().measure(lines, 32));
    }
    assertEquals(114003, jtokkitTokens);
    assertEquals(new MergeStats(2728, 4384, 114003, 87490, 49726), m50);
    assertEquals(new MergeStats(2728, 33848, 114003, 49726, 49726), words);
    assertEquals(41.25, m50.reduction(), 0.005);
    MergeStats english = DynamicMerger.builder(O200K).maxMerges(10).build().measure(lines(Samples.byName("udhr-eng")), 32);
    assertEquals(71.4, english.reduction(), 0.05);
    MergeStats japanese = DynamicMerger.builder(O200K).maxMerges(100).build().measure(lines(Samples.byName("udhr-jpn")), 32);
    assertEquals(41.0, japanese.reduction(), 0.05);
    MergeStats amharic = DynamicMerger.builder(O200K).maxMerges(100).build().measure(lines(Samples.byName("udhr-amh")), 32);
    assertEquals(66.9, amharic.reduction(), 0.05);
    assertEquals(132.88, amharic.baseLength(), 0.005);
    assertEquals(14.53, amharic.wordLength(), 0.005);
  }

  /** Each merged token covers exactly the base tokens of one pre-token. */
  private static void assertOneTokenPerWord(Encoding base, MergedBatch batch, int[] ids, String where) {
    int at = 0;
    for (int id : ids) {
      int n = batch.toBaseIds(new int[] {id}).length;
      int word = base.wordId(at);
      assertTrue(at == 0 || word < 0 || base.wordId(at - 1) != word, where);
      for (int i = at; i < at + n; i++) assertEquals(word, base.wordId(i), where);
      if (word < 0) assertEquals(1, n, where);
      at += n;
    }
    assertEquals(base.size(), at, where);
  }
}
