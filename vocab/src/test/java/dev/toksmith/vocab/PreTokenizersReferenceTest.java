package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pre-tokenizer and option, read from tokenizer.json by toksmith and by Hugging Face and run on
 * the bundled samples and on edge cases. The model is a character-level BPE with the continuation
 * prefix {@code ##}, so the tokens show where each piece starts and the offsets show how every
 * character is aligned. Each variant is also written back and must give the JSON Hugging Face writes
 * for it.
 *
 * <p>One variant of each pre-tokenizer runs on {@link #lines} (every line of each sample, but only the
 * first {@value #LINES_OF_LONG_SAMPLES} of the two long English and emoji ones, to keep the test fast);
 * the grids of options run on {@link #fewLines}, the first {@value #FEW_LINES} lines of every sample.
 * Both include the edge cases.
 */
class PreTokenizersReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Replacement characters the Metaspace variants use; they need tokens of their own. */
  private static final String REPLACEMENTS = "\u2581_\uD83D\uDE00";
  private static final String EDGE_CASES = String.join("\n",
      "", " ", "   ", "  two leading", "trailing  ", "a  b\t\tc", "Hey friend!     How are you?!?",
      "don't 123,456.78 ½ Ⅳ ٣٤ ١٢ 𝟘𝟙 ⑴ ⒈ 五", "野口里佳 Noguchi Rika", "どこで生れ。Yes", "Apples are りんご 林檎 ー",
      "▁already▁has▁metaspace", " ▁x ▁", "x_y __z", "x[SEP]y [SEP] z [SEP]", "[SEP]start", "[SEP] spaced",
      "emoji 😀👍🏽 👨‍👩‍👧 😀x", "combining é\u0301 a\u0308 ﬁ ǅ", "\u00A0nbsp\u3000ideographic\u2003em", "control\u0001\u007F\u0085end",
      "tab\tcr\r", "¿Qué? ¡Sí! «quote» „de“ ‘single’ — – ‐", "$ + < = > ^ ` | ~ \\ @ # %", "a--b__c..d,,e", "\u2028\u2029",
      "ǅungla ΣΑΣ İstanbul", "日本語のテキスト、カタカナ・ひらがな。", "한국어 텍스트 123", "नमस्ते दुनिया १२३", "مرحبا بالعالم ١٢٣", "ᚠᛇᚻ ᛒᛦᚦ",
      // Newer than the JDK's Unicode 13: emoji of 12 to 16 (U+1FA70, U+1FAE0, U+1FA89, U+1FAE9), letters of
      // Nag Mundari, Kawi and Ol Onal with an Ol Onal digit, CJK Extensions H and I, Kawi signs (marks).
      "melt\uD83E\uDEE0 \uD83E\uDE70\uD83E\uDE89\uD83E\uDEE9!", "\uD839\uDCD0\uD839\uDCD1 \uD807\uDF04\uD807\uDF34 \uD839\uDDD1\uD839\uDDF1",
      "\uD884\uDF50\uD87A\uDFF0漢 x\uD807\uDF00y", "«\uD83E\uDEE0» 12\uD83E\uDEE0ab");
  private static final int LINES_OF_LONG_SAMPLES = 400;
  private static final int FEW_LINES = 30;
  private static List<String> lines;
  private static List<String> fewLines;
  private static ObjectNode base;

  @BeforeAll
  static void buildModel() throws Exception {
    lines = new ArrayList<>();
    fewLines = new ArrayList<>();
    for (Sample s : Samples.all()) {
      List<String> all = Arrays.asList(s.text().split("\n"));
      lines.addAll(all.subList(0, Math.min(LINES_OF_LONG_SAMPLES, all.size())));
      fewLines.addAll(all.subList(0, Math.min(FEW_LINES, all.size())));
    }
    List<String> edgeCases = Arrays.asList(EDGE_CASES.split("\n", -1));
    lines.addAll(edgeCases);
    fewLines.addAll(edgeCases);
    TreeSet<Integer> codePoints = new TreeSet<>();
    for (String t : lines) t.codePoints().forEach(codePoints::add);
    REPLACEMENTS.codePoints().forEach(codePoints::add);
    ObjectNode vocab = JSON.createObjectNode();
    vocab.put("<unk>", 0);
    vocab.put("[SEP]", 1);
    for (int cp : codePoints) {
      String c = Character.toString(cp);
      vocab.put(c, vocab.size());
      vocab.put("##" + c, vocab.size());
    }
    base = (ObjectNode) JSON.readTree("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
        + "\"added_tokens\":[{\"id\":1,\"content\":\"[SEP]\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],"
        + "\"normalizer\":null,\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"<unk>\",\"continuing_subword_prefix\":\"##\",\"end_of_word_suffix\":null,"
        + "\"fuse_unk\":false,\"byte_fallback\":false,\"ignore_merges\":false,\"vocab\":{},\"merges\":[]}}");
    ((ObjectNode) base.get("model")).set("vocab", vocab);
  }

  /** Compares the pre-tokenizer on {@link #lines}; it is written as Hugging Face writes it, so it must round-trip. */
  private static void compare(String preTokenizer) throws Exception {
    compare(preTokenizer, preTokenizer, null, lines);
  }

  /** Compares the pre-tokenizer on {@link #fewLines}. */
  private static void compareOnFewLines(String preTokenizer) throws Exception {
    compare(preTokenizer, preTokenizer, null, fewLines);
  }

  /**
   * Compares {@code preTokenizer} (with {@code normalizer}, JSON or null) on {@code texts} and requires
   * toksmith to write it back as {@code written}.
   */
  private static void compare(String preTokenizer, String written, String normalizer, List<String> texts) throws Exception {
    ObjectNode variant = base.deepCopy();
    variant.set("pre_tokenizer", JSON.readTree(preTokenizer));
    if (normalizer != null) variant.set("normalizer", JSON.readTree(normalizer));
    String text = JSON.writeValueAsString(variant);
    Tokenizer ours = Tokenizers.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "variant.json");
    try (HfReference hf = HfReference.load(text)) {
      List<HfReference.Encoded> expected = hf.encodeAll(texts);
      List<Encoding> actual = ours.encodeBatch(texts, false);
      for (int i = 0; i < texts.size(); i++) {
        String t = texts.get(i);
        HfReference.Encoded e = expected.get(i);
        Encoding a = actual.get(i);
        assertEquals(Arrays.asList(e.tokens()), a.tokens(), () -> preTokenizer + ": tokens of [" + t + "]");
        assertArrayEquals(e.ids(), Arrays.stream(a.ids()).asLongStream().toArray(), () -> preTokenizer + ": ids of [" + t + "]");
        int[] starts = new int[a.size()];
        int[] ends = new int[a.size()];
        for (int k = 0; k < a.size(); k++) {
          starts[k] = a.start(k);
          ends[k] = a.end(k);
        }
        assertArrayEquals(e.starts(), starts, () -> preTokenizer + ": starts of [" + t + "]");
        assertArrayEquals(e.ends(), ends, () -> preTokenizer + ": ends of [" + t + "]");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(ours, out);
    assertEquals(JSON.readTree(written), JSON.readTree(out.toByteArray()).get("pre_tokenizer"), "written form of " + preTokenizer);
  }

  @Test
  void whitespace() throws Exception {
    compare("{\"type\":\"Whitespace\"}");
  }

  @Test
  void whitespaceSplit() throws Exception {
    compare("{\"type\":\"WhitespaceSplit\"}");
  }

  @Test
  void bertPreTokenizer() throws Exception {
    compare("{\"type\":\"BertPreTokenizer\"}");
    compare("{\"type\":\"BertPreTokenizer\"}", "{\"type\":\"BertPreTokenizer\"}", "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFD\"},{\"type\":\"Lowercase\"}]}", fewLines);
  }

  @Test
  void punctuationWithEveryBehavior() throws Exception {
    compare("{\"type\":\"Punctuation\",\"behavior\":\"Isolated\"}");
    for (String behavior : List.of("Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous")) {
      compareOnFewLines("{\"type\":\"Punctuation\",\"behavior\":\"" + behavior + "\"}");
    }
    compare("{\"type\":\"Punctuation\"}", "{\"type\":\"Punctuation\",\"behavior\":\"Isolated\"}", null, fewLines);
  }

  @Test
  void digitsAloneAndInRuns() throws Exception {
    compare("{\"type\":\"Digits\",\"individual_digits\":false}");
    compareOnFewLines("{\"type\":\"Digits\",\"individual_digits\":true}");
  }

  @Test
  void charDelimiterSplit() throws Exception {
    compare("{\"type\":\"CharDelimiterSplit\",\"delimiter\":\" \"}");
    compareOnFewLines("{\"type\":\"CharDelimiterSplit\",\"delimiter\":\"e\"}");
    compareOnFewLines("{\"type\":\"CharDelimiterSplit\",\"delimiter\":\"\uD83D\uDE00\"}");
  }

  @Test
  void unicodeScripts() throws Exception {
    compare("{\"type\":\"UnicodeScripts\"}");
  }

  @Test
  void metaspaceWithEverySchemeAndSplit() throws Exception {
    compare("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"always\",\"split\":true}");
    for (String scheme : List.of("always", "first", "never")) {
      for (boolean split : new boolean[] {true, false}) {
        compareOnFewLines("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"" + scheme + "\",\"split\":" + split + "}");
      }
    }
  }

  @Test
  void metaspaceWithOtherReplacements() throws Exception {
    // '_' also occurs in the text; the emoji takes two UTF-16 units where a space took one.
    for (String replacement : List.of("_", "\uD83D\uDE00")) {
      for (String scheme : List.of("always", "first")) {
        compareOnFewLines("{\"type\":\"Metaspace\",\"replacement\":\"" + replacement + "\",\"prepend_scheme\":\"" + scheme + "\",\"split\":true}");
      }
    }
  }

  @Test
  void metaspaceAfterANormalizerThatMovesText() throws Exception {
    String metaspace = "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"first\",\"split\":true}";
    compare(metaspace, metaspace, "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFKD\"},{\"type\":\"Lowercase\"}]}", fewLines);
  }

  @Test
  void metaspaceLegacyFields() throws Exception {
    String always = "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"always\",\"split\":true}";
    String never = "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"never\",\"split\":true}";
    compare("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"str_rep\":\"▁\",\"add_prefix_space\":true}", always, null, fewLines);
    compare("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":false,\"prepend_scheme\":\"never\"}", never, null, fewLines);
    compare("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":true,\"prepend_scheme\":\"never\"}", never, null, fewLines);
    compare("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"split\":null,\"add_prefix_space\":null}", always, null, fewLines);
  }

  @Test
  void sequencesThatSplitBeforeMetaspaceAndDigits() throws Exception {
    // T5 and ALBERT: WhitespaceSplit, then Metaspace, where "first" applies to the first word only.
    compare("{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"WhitespaceSplit\"},"
        + "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"first\",\"split\":true}]}");
    compareOnFewLines("{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"behavior\":\"MergedWithPrevious\",\"invert\":false},"
        + "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"first\",\"split\":false}]}");
    compareOnFewLines("{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Punctuation\",\"behavior\":\"Contiguous\"},{\"type\":\"Digits\",\"individual_digits\":false}]}");
    compareOnFewLines("{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Whitespace\"},{\"type\":\"Digits\",\"individual_digits\":true},{\"type\":\"UnicodeScripts\"}]}");
  }

  @Test
  void splitWithEveryBehaviorAndInversion() throws Exception {
    for (String behavior : List.of("Isolated", "Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous")) {
      for (boolean invert : new boolean[] {false, true}) {
        compareOnFewLines("{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\\\\s+|\\\\p{N}{1,2}\"},\"behavior\":\"" + behavior + "\",\"invert\":" + invert + "}");
        compareOnFewLines("{\"type\":\"Split\",\"pattern\":{\"String\":\"e\"},\"behavior\":\"" + behavior + "\",\"invert\":" + invert + "}");
      }
    }
    // The empty literal matches before every character.
    compareOnFewLines("{\"type\":\"Split\",\"pattern\":{\"String\":\"\"},\"behavior\":\"Isolated\",\"invert\":false}");
    compareOnFewLines("{\"type\":\"Split\",\"pattern\":{\"String\":\"\"},\"behavior\":\"MergedWithNext\",\"invert\":true}");
    compareOnFewLines("{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\"},\"behavior\":\"Contiguous\",\"invert\":false}");
  }

  /**
   * Patterns that released models ship and toksmith runs with {@code java.util.regex}: Qwen2's, BLOOM's
   * (a negated class holding a nested class) and DeepSeek-V3's three Splits (Han and kana ranges,
   * {@code \p{P}}, {@code \p{S}}, {@code \p{M}}), on every line: the emoji sample and the edge cases
   * have characters newer than the JDK's Unicode 13 (U+1FAE0 is {@code \p{S}} for Oniguruma and
   * unassigned for JDK 17).
   */
  @Test
  void splitPatternsOfReleasedModels() throws Exception {
    String qwen2 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    String bloom = " ?[^(\\s|[.,!?…。，、।۔،])]+";
    List<String> deepSeek = List.of("\\p{N}{1,3}", "[一-龥\u3040-ゟ゠-ヿ]+",
        "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+");
    compare(split(qwen2));
    compare(split(bloom));
    ArrayNode stages = JSON.createArrayNode();
    for (String regex : deepSeek) stages.add(JSON.readTree(split(regex)));
    String deepSeekSequence = "{\"type\":\"Sequence\",\"pretokenizers\":" + stages + "}";
    compare(deepSeekSequence, deepSeekSequence, null, lines);
  }

  private static String split(String regex) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree("{\"type\":\"Split\",\"pattern\":{},\"behavior\":\"Isolated\",\"invert\":false}");
    ((ObjectNode) node.get("pattern")).put("Regex", regex);
    return JSON.writeValueAsString(node);
  }

}
