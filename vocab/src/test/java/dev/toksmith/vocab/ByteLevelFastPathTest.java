package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.pretokenizers.Cl100kPattern;
import dev.toksmith.core.pretokenizers.Gpt2Pattern;
import dev.toksmith.core.pretokenizers.O200kPattern;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The byte-level fast path (UTF-8 scanned as bytes, merged in byte space) on every pipeline shape it
 * takes, against Hugging Face (DJL) on every line of the bundled samples (30 languages, emoji) and
 * edge strings, and against toksmith's own general path on raw bytes that are not UTF-8, which no
 * reference takes. Each variant is a 4,000-token byte-level BPE trained on the samples, written with
 * another pre-tokenizer, model option, normalizer or added tokens.
 */
class ByteLevelFastPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ObjectNode base;

  /** DeepSeek V3's three split regexes, as its tokenizer.json has them. */
  static final List<String> DEEPSEEK_REGEXES = List.of(
      "\\p{N}{1,3}",
      "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+",
      "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+");

  @BeforeAll
  static void trainBase() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(4000).specialTokens(List.of("<|endoftext|>")).build().train(Corpus.ofSources(sources)).tokenizer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(trained, out);
    base = (ObjectNode) JSON.readTree(out.toByteArray());
  }

  /** Split stages then a ByteLevel that does not split. */
  private static String sequence(String... splits) {
    return "{\"type\":\"Sequence\",\"pretokenizers\":[" + String.join(",", splits) + ",{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":false}]}";
  }

  private static String regexSplit(String regex, String behavior, boolean invert) {
    return "{\"type\":\"Split\",\"pattern\":{\"Regex\":" + HfReference.quote(regex) + "},\"behavior\":\"" + behavior + "\",\"invert\":" + invert + "}";
  }

  /** A pre-tokenizer, a normalizer (or null), ignore_merges, and more added tokens, by name. */
  private record Variant(String name, String preTokenizer, String normalizer, boolean ignoreMerges, String addedTokens) {}

  private static List<Variant> variants() {
    String deepSeek = sequence(DEEPSEEK_REGEXES.stream().map(r -> regexSplit(r, "Isolated", false)).toArray(String[]::new));
    String special = "{\"id\":4000,\"content\":\"<|im_start|>\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}";
    // Stored with the ids Hugging Face gives them (toksmith refuses others): the next ids after the vocabulary.
    String normalized = "{\"id\":4000,\"content\":\"  \",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":true,\"special\":false},"
        + "{\"id\":4001,\"content\":\"(a)\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":true,\"special\":false}";
    return List.of(
        new Variant("GPT-2 ByteLevel", "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}", null, false, null),
        new Variant("ByteLevel with prefix space", "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true}", null, false, null),
        new Variant("ByteLevel without regex", "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":false}", null, true, null),
        new Variant("cl100k split (Llama 3)", sequence(regexSplit(Cl100kPattern.REGEX, "Isolated", false)), null, true, special),
        new Variant("cl100k split removed inverted (GPT-3.5)", sequence(regexSplit(Cl100kPattern.REGEX, "Removed", true)), null, false, null),
        new Variant("tiktoken's cl100k", sequence(regexSplit(Cl100kPattern.TIKTOKEN_HF_REGEX, "Isolated", false)), null, true, null),
        new Variant("o200k split (GPT-4o)", sequence(regexSplit(O200kPattern.REGEX, "Removed", true)), null, false, special),
        new Variant("Qwen split with NFC", sequence(regexSplit(Cl100kPattern.QWEN_REGEX, "Isolated", false)), "{\"type\":\"NFC\"}", false, special),
        new Variant("DeepSeek V3 splits", deepSeek, "{\"type\":\"Sequence\",\"normalizers\":[]}", false, null),
        new Variant("GPT-2 split then a regex without scanner", sequence(regexSplit(Gpt2Pattern.REGEX, "Isolated", false), regexSplit("\\w+|[^\\w\\s]+", "Isolated", false)), null, false, null),
        new Variant("a literal split merged with the previous", sequence("{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"behavior\":\"MergedWithPrevious\",\"invert\":false}"), null, true, null),
        new Variant("digits then GPT-2 ByteLevel (StarCoder, Command R)", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Digits\",\"individual_digits\":true},"
            + "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}]}", null, false, null),
        new Variant("digit runs and punctuation", sequence("{\"type\":\"Digits\",\"individual_digits\":false}", "{\"type\":\"Punctuation\",\"behavior\":\"Contiguous\"}",
            "{\"type\":\"CharDelimiterSplit\",\"delimiter\":\" \"}"), null, false, null),
        new Variant("NFKC with normalized added tokens (KL3M)", "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}", "{\"type\":\"NFKC\"}", false, normalized));
  }

  private static String variantJson(Variant v) throws Exception {
    ObjectNode json = base.deepCopy();
    json.set("pre_tokenizer", JSON.readTree(v.preTokenizer()));
    json.set("normalizer", v.normalizer() == null ? null : JSON.readTree(v.normalizer()));
    ((ObjectNode) json.get("model")).put("ignore_merges", v.ignoreMerges());
    if (v.addedTokens() != null) {
      ArrayNode added = (ArrayNode) json.get("added_tokens");
      for (var token : JSON.readTree("[" + v.addedTokens() + "]")) added.add(token);
    }
    return JSON.writeValueAsString(json);
  }

  private static List<String> texts() {
    List<String> texts = new ArrayList<>(FamilyTexts.sampleLines());
    texts.addAll(FamilyTexts.EDGE_TEXTS);
    texts.addAll(List.of("<|im_start|>user\nHello (a)  world<|endoftext|>", "x<|im_start|>y  (a)(a)   z", "  (a)", "e\u0301 Vie\u0323\u0302t Nam", "１２３ ﬁ"));
    return texts;
  }

  @TestFactory
  Stream<DynamicTest> everyVariantGivesHuggingFacesIdsOnTheFastPath() {
    List<String> texts = texts();
    return variants().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
      String json = variantJson(v);
      Pipeline ours = (Pipeline) Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), v.name());
      assertTrue(ours.hasFastPath(), v.name() + " should compile to the byte-level fast path");
      try (HfReference hf = HfReference.load(json, false)) {
        List<HfReference.Encoded> expected = hf.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
          String text = texts.get(i);
          long[] ids = expected.get(i).ids();
          String what = v.name() + ": " + ReferenceComparison.quote(text);
          assertArrayEquals(ids, longs(ours.encodeIds(text)), () -> "encodeIds, " + what);
          assertArrayEquals(ids, longs(ours.encodeBytes(text.getBytes(StandardCharsets.UTF_8))), () -> "encodeBytes, " + what);
          assertEquals(ids.length, ours.countTokens(text), () -> "countTokens, " + what);
        }
      }
    }));
  }

  /** Bytes that are not UTF-8 are read as the general path reads them (one character each, outside every class). */
  @TestFactory
  Stream<DynamicTest> everyVariantReadsInvalidBytesAsTheGeneralPath() {
    byte[][] invalid = {{(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}};
    List<String> atoms = List.of("a", "The", " court", "'s", "Ωμέγα", "жизнь", "中文", "😀", "123", " ", "\n", "  ", "<|endoftext|>", "(a)", "e\u0301");
    return variants().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
      Pipeline ours = (Pipeline) Tokenizers.load(new ByteArrayInputStream(variantJson(v).getBytes(StandardCharsets.UTF_8)), v.name());
      Pipeline general = ours.withGeneralPathOnly();
      Random random = new Random(v.name().hashCode());
      for (int t = 0; t < 3_000; t++) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int k = random.nextInt(10); k > 0; k--) {
          bytes.writeBytes(random.nextInt(3) == 0 ? invalid[random.nextInt(invalid.length)] : atoms.get(random.nextInt(atoms.size())).getBytes(StandardCharsets.UTF_8));
        }
        byte[] raw = bytes.toByteArray();
        assertArrayEquals(general.encodeBytes(raw), ours.encodeBytes(raw), () -> v.name() + ": " + Arrays.toString(raw));
      }
    }));
  }

  private static long[] longs(int[] ids) {
    return Arrays.stream(ids).asLongStream().toArray();
  }
}
