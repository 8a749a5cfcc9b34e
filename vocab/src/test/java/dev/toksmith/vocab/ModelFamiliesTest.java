package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfRawReference;
import dev.toksmith.core.reference.HfReference.Encoded;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.ReferenceComparison.Differences;
import dev.toksmith.vocab.ReferenceComparison.Expected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One tokenizer.json per public model family, with the pipeline of the family's published file
 * stage for stage and a small vocabulary trained on the bundled samples (resources/families, see
 * make-fixtures.sh), against Hugging Face (DJL) on every sample line and on edge strings: ids,
 * tokens, offsets, decoding, pairs, and the file toksmith writes for each.
 *
 * <ul>
 *   <li>bert-uncased (bert-base-uncased): BertNormalizer lowercasing and stripping accents,
 *       BertPreTokenizer, WordPiece with [UNK] for words over 100 characters, [CLS] $A [SEP];
 *   <li>roberta (roberta-base, GPT-2's byte-level BPE): ByteLevel, RobertaProcessing, a {@code <mask>}
 *       that takes the space before it;
 *   <li>llama2 (Llama 2, Mistral): Prepend and Replace spelling spaces "▁", no pre-tokenizer, BPE
 *       with byte fallback and fused unknowns, decoded by Replace, ByteFallback, Fuse and Strip;
 *   <li>t5 (t5-small): a SentencePiece charsmap (nmt_nfkc), WhitespaceSplit and Metaspace in its
 *       older spelling (add_prefix_space), Unigram, $A &lt;/s&gt;, 100 extra ids;
 *   <li>xlm-roberta (xlm-roberta-base): the same with fairseq's ids, Metaspace's newer spelling
 *       (prepend_scheme), &lt;s&gt; $A &lt;/s&gt;.
 * </ul>
 */
class ModelFamiliesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each family's stages: normalizer, pre-tokenizer, model, post-processor, decoder. */
  private static final Map<String, List<String>> STAGES = Map.of(
      "bert-uncased", List.of("BertNormalizer", "BertPreTokenizer", "WordPiece", "TemplateProcessing", "WordPiece"),
      "roberta", List.of("null", "ByteLevel", "BPE", "RobertaProcessing", "ByteLevel"),
      "llama2", List.of("Sequence", "null", "BPE", "TemplateProcessing", "Sequence"),
      "t5", List.of("Precompiled", "Sequence", "Unigram", "TemplateProcessing", "Metaspace"),
      "xlm-roberta", List.of("Precompiled", "Sequence", "Unigram", "TemplateProcessing", "Metaspace"));

  private static String fixture(String family) {
    try (InputStream in = ModelFamiliesTest.class.getResourceAsStream("/families/" + family + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Tokenizer load(String json) throws IOException {
    return Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tokenizer.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void fixtureHasTheFamilysPipeline(String family) throws IOException {
    JsonNode json = JSON.readTree(fixture(family));
    List<String> stages = new ArrayList<>();
    for (String stage : List.of("normalizer", "pre_tokenizer", "model", "post_processor", "decoder")) stages.add(json.get(stage).path("type").asText("null"));
    assertEquals(STAGES.get(family), stages);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void everyLineAsTheReferenceEncodesAndDecodesIt(String family) throws IOException {
    String json = fixture(family);
    List<String> texts = ReferenceComparison.texts(json);
    Expected expected = ReferenceComparison.fromDjl(json, texts);
    Differences differences = ReferenceComparison.compare(load(json), expected, texts);
    assertTrue(differences.none(), () -> family + ": " + texts.size() + " texts, " + differences.report());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void pairsAsTheReferenceEncodesThem(String family) throws IOException {
    String json = fixture(family);
    Tokenizer ours = load(json);
    Differences differences = new Differences();
    try (HfRawReference hf = HfRawReference.load(json)) {
      for (String[] pair : pairs()) {
        for (boolean special : new boolean[] {false, true}) {
          String mode = special ? "pair with special tokens" : "pair without special tokens";
          HfRawReference.Full expected = hf.encode(pair[0], pair[1], special);
          Encoding actual = ours.encode(pair[0], pair[1], special);
          String text = pair[0] + " ‖ " + pair[1];
          differences.compare(mode, text, inUtf16(expected, pair), ReferenceComparison.encoded(actual));
          long[] typeIds = Arrays.stream(actual.typeIds()).asLongStream().toArray();
          if (!Arrays.equals(expected.typeIds(), typeIds)) {
            differences.add(mode + ", type ids", ReferenceComparison.quote(text) + ": " + Arrays.toString(expected.typeIds()) + " against " + Arrays.toString(typeIds));
          }
        }
      }
    }
    assertTrue(differences.none(), () -> family + ": " + differences.report());
  }

  /** Consecutive lines of every sample, ten pairs each, and consecutive edge strings. */
  private static List<String[]> pairs() {
    List<String[]> pairs = new ArrayList<>();
    for (Sample sample : Samples.all()) {
      List<String> lines = Arrays.stream(sample.text().split("\n")).filter(l -> !l.isBlank()).limit(21).toList();
      for (int i = 0; i + 1 < lines.size(); i += 2) pairs.add(new String[] {lines.get(i), lines.get(i + 1)});
    }
    List<String> edges = FamilyTexts.EDGE_TEXTS;
    for (int i = 0; i + 1 < edges.size(); i++) pairs.add(new String[] {edges.get(i), edges.get(i + 1)});
    return pairs;
  }

  /** The reference's pair encoding with its code point offsets turned into UTF-16 indices into the token's own sequence. */
  private static Encoded inUtf16(HfRawReference.Full e, String[] pair) {
    int n = e.ids().length;
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int k = 0; k < n; k++) {
      if (e.starts()[k] < 0) {
        starts[k] = ends[k] = -1;
      } else {
        String text = pair[(int) e.sequenceIds()[k]];
        starts[k] = text.offsetByCodePoints(0, e.starts()[k]);
        ends[k] = text.offsetByCodePoints(0, e.ends()[k]);
      }
    }
    return new Encoded(e.ids(), e.tokens(), starts, ends);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void theFileToksmithWritesGivesTheSameOutputInTheReference(String family) throws IOException {
    String json = fixture(family);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    Tokenizers.write(load(json), written);
    String rewritten = written.toString(StandardCharsets.UTF_8);
    // Every tenth sample line is enough here: the file, not the texts, is under test.
    List<String> all = ReferenceComparison.texts(json);
    int lines = FamilyTexts.sampleLines().size();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) if (i >= lines || i % 10 == 0) texts.add(all.get(i));
    Differences differences = new Differences();
    for (boolean special : new boolean[] {false, true}) {
      try (HfReference original = HfReference.load(json, special); HfReference reread = HfReference.load(rewritten, special)) {
        List<Encoded> expected = original.encodeAll(texts);
        List<Encoded> actual = reread.encodeAll(texts);
        String mode = "rewritten file " + (special ? "with" : "without") + " special tokens";
        for (int i = 0; i < texts.size(); i++) differences.compare(mode, texts.get(i), expected.get(i), actual.get(i));
      }
    }
    assertTrue(differences.none(), () -> family + ": " + differences.report());
  }
}
