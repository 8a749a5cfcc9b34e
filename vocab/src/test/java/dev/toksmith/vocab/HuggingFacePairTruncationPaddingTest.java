package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.reference.HfRawReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pair encoding, truncation (strategies, directions, stride, overflowing pieces), padding and the
 * post-processors that lay them out, against Hugging Face reading the same tokenizer.json: every
 * field of the encoding, overflowing pieces included.
 */
class HuggingFacePairTruncationPaddingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ObjectNode base;
  private static final List<String[]> INPUTS = new ArrayList<>();

  private static final String BERT = "{\"type\":\"BertProcessing\",\"sep\":[\"[SEP]\",1],\"cls\":[\"[CLS]\",0]}";
  private static final String ROBERTA = "{\"type\":\"RobertaProcessing\",\"sep\":[\"[SEP]\",1],\"cls\":[\"[CLS]\",0],\"trim_offsets\":true,\"add_prefix_space\":false}";
  private static final String TEMPLATE = "{\"type\":\"TemplateProcessing\","
      + "\"single\":[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}}],"
      + "\"pair\":[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}},"
      + "{\"Sequence\":{\"id\":\"B\",\"type_id\":1}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":1}}],"
      + "\"special_tokens\":{\"[CLS]\":{\"id\":\"[CLS]\",\"ids\":[0],\"tokens\":[\"[CLS]\"]},\"[SEP]\":{\"id\":\"[SEP]\",\"ids\":[1],\"tokens\":[\"[SEP]\"]}}}";
  private static final String BYTE_LEVEL = "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}";

  @BeforeAll
  static void trainBase() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.group("multilingual")) sources.add(new Corpus.Source(s.name(), s::open));
    Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(1500).specialTokens(List.of("[CLS]", "[SEP]", "[PAD]")).build().train(Corpus.ofSources(sources)).tokenizer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(trained, out);
    base = (ObjectNode) JSON.readTree(out.toByteArray());
    List<String> lines = new ArrayList<>();
    for (String name : List.of("udhr-eng", "udhr-rus", "udhr-cmn-hans", "udhr-hin")) {
      for (String line : Samples.byName(name).text().split("\n")) if (!line.isBlank() && lines.size() < 40) lines.add(line);
    }
    for (int i = 0; i + 1 < lines.size(); i += 2) INPUTS.add(new String[] {lines.get(i), lines.get(i + 1)});
    INPUTS.add(new String[] {"", "short"});
    INPUTS.add(new String[] {"a [SEP] b", ""});
    INPUTS.add(new String[] {"  spaced  words  ", "accents é\u0301 and tabs\t"});
    // The reference's offsets count code points; without supplementary characters they are UTF-16 indices too.
    for (String[] in : INPUTS) for (String s : in) assertEquals(s.length(), s.codePointCount(0, s.length()));
  }

  private static void compare(String postProcessor, String truncation, String padding) throws Exception {
    ObjectNode v = base.deepCopy();
    v.set("post_processor", JSON.readTree(postProcessor));
    v.set("truncation", JSON.readTree(truncation));
    v.set("padding", JSON.readTree(padding));
    String text = JSON.writeValueAsString(v);
    Tokenizer ours = Tokenizers.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.json");
    boolean onlySecond = truncation.contains("OnlySecond");
    try (HfRawReference hf = HfRawReference.load(text)) {
      for (String[] in : INPUTS) {
        for (boolean special : new boolean[] {true, false}) {
          String where = postProcessor + " " + truncation + " " + padding + " special=" + special + " " + Arrays.toString(in);
          if (!onlySecond) check(() -> hf.encode(in[0], null, special), () -> ours.encode(in[0], special), where + " single");
          check(() -> hf.encode(in[0], in[1], special), () -> ours.encode(in[0], in[1], special), where + " pair");
        }
      }
    }
  }

  /** Both give the same encoding, or both refuse (a sequence too short for the truncation strategy). */
  private static void check(java.util.function.Supplier<HfRawReference.Full> reference, java.util.function.Supplier<Encoding> toksmith, String where) {
    HfRawReference.Full expected;
    try {
      expected = reference.get();
    } catch (RuntimeException e) {
      assertThrows(IllegalArgumentException.class, toksmith::get, () -> "the reference refused (" + e.getMessage() + "): " + where);
      return;
    }
    assertSame(expected, toksmith.get(), where);
  }

  private static void assertSame(HfRawReference.Full expected, Encoding actual, String where) {
    assertArrayEquals(expected.ids(), longs(actual.ids()), () -> "ids " + where);
    assertEquals(Arrays.asList(expected.tokens()), actual.tokens(), () -> "tokens " + where);
    assertArrayEquals(expected.typeIds(), longs(actual.typeIds()), () -> "type ids " + where);
    assertArrayEquals(expected.wordIds(), longs(actual.wordIds()), () -> "word ids " + where);
    assertArrayEquals(expected.specialTokensMask(), longs(actual.specialTokensMask()), () -> "special mask " + where);
    assertArrayEquals(expected.attentionMask(), longs(actual.attentionMask()), () -> "attention " + where);
    long[] sequences = new long[actual.size()];
    for (int i = 0; i < sequences.length; i++) sequences[i] = actual.sequenceId(i);
    assertArrayEquals(expected.sequenceIds(), sequences, () -> "sequence ids " + where);
    for (int i = 0; i < actual.size(); i++) {
      int k = i;
      if (expected.starts()[i] >= 0) {
        assertEquals(expected.starts()[i] + "," + expected.ends()[i], actual.start(i) + "," + actual.end(i), () -> "offsets of token " + k + " " + where);
      } else if (actual.isSpecial(i)) {
        // The reference gives special and pad tokens no span; toksmith gives them [0, 0).
        assertEquals("0,0", actual.start(i) + "," + actual.end(i), () -> "offsets of special token " + k + " " + where);
      }
      // Otherwise DJL reports no span (it maps spans through sequence ranges, which the overflowing
      // pieces of a pair lose); there is nothing to compare with.
    }
    assertEquals(expected.overflowing().size(), actual.overflowing().size(), () -> "overflowing pieces " + where);
    for (int o = 0; o < actual.overflowing().size(); o++) assertSame(expected.overflowing().get(o), actual.overflowing().get(o), where + " overflowing " + o);
  }

  private static long[] longs(int[] a) {
    return Arrays.stream(a).asLongStream().toArray();
  }

  @Test
  void postProcessorsLayOutSingleAndPairLikeHuggingFace() throws Exception {
    for (String pp : List.of("null", BYTE_LEVEL, TEMPLATE, BERT, ROBERTA, "{\"type\":\"Sequence\",\"processors\":[" + BYTE_LEVEL + "," + TEMPLATE + "]}")) {
      compare(pp, "null", "null");
    }
  }

  @Test
  void truncationStrategiesDirectionsAndStride() throws Exception {
    for (String pp : List.of("null", TEMPLATE, BERT, ROBERTA)) {
      compare(pp, "{\"direction\":\"Right\",\"max_length\":24,\"strategy\":\"LongestFirst\",\"stride\":0}", "null");
      compare(pp, "{\"direction\":\"Left\",\"max_length\":20,\"strategy\":\"LongestFirst\",\"stride\":4}", "null");
      compare(pp, "{\"direction\":\"Right\",\"max_length\":30,\"strategy\":\"OnlyFirst\",\"stride\":2}", "null");
      compare(pp, "{\"direction\":\"Right\",\"max_length\":30,\"strategy\":\"OnlySecond\",\"stride\":0}", "null");
    }
  }

  @Test
  void paddingFixedAndToTheLongestWithMultiples() throws Exception {
    for (String pp : List.of("null", TEMPLATE, BERT)) {
      compare(pp, "null", "{\"strategy\":{\"Fixed\":64},\"direction\":\"Right\",\"pad_to_multiple_of\":null,\"pad_id\":2,\"pad_type_id\":0,\"pad_token\":\"[PAD]\"}");
      compare(pp, "{\"direction\":\"Right\",\"max_length\":24,\"strategy\":\"LongestFirst\",\"stride\":3}",
          "{\"strategy\":\"BatchLongest\",\"direction\":\"Left\",\"pad_to_multiple_of\":16,\"pad_id\":2,\"pad_type_id\":5,\"pad_token\":\"[PAD]\"}");
    }
  }

  @Test
  void batchPaddingReachesTheLongestOfTheBatch() throws Exception {
    ObjectNode v = base.deepCopy();
    v.set("padding", JSON.readTree("{\"strategy\":\"BatchLongest\",\"direction\":\"Right\",\"pad_to_multiple_of\":null,\"pad_id\":2,\"pad_type_id\":0,\"pad_token\":\"[PAD]\"}"));
    Tokenizer ours = Tokenizers.load(new ByteArrayInputStream(JSON.writeValueAsBytes(v)), "t.json");
    List<Encoding> batch = ours.encodeBatch(List.of("a", "a much longer line of text", ""), false);
    int longest = ours.encode("a much longer line of text").size();
    for (Encoding e : batch) assertEquals(longest, e.size());
    assertEquals(0, batch.get(0).attentionMask()[longest - 1]);
  }

  /** Padding and truncation set through the API act as the same settings in the file do for the reference. */
  @Test
  void settingsThroughTheApiMatchTheSameSettingsInTheFile() throws Exception {
    ObjectNode v = base.deepCopy();
    v.set("post_processor", JSON.readTree(BERT));
    Tokenizer plain = Tokenizers.load(new ByteArrayInputStream(JSON.writeValueAsBytes(v)), "t.json");
    v.set("truncation", JSON.readTree("{\"direction\":\"Right\",\"max_length\":20,\"strategy\":\"LongestFirst\",\"stride\":0}"));
    v.set("padding", JSON.readTree("{\"strategy\":{\"Fixed\":20},\"direction\":\"Left\",\"pad_to_multiple_of\":16,\"pad_id\":2,\"pad_type_id\":0,\"pad_token\":\"[PAD]\"}"));
    Tokenizer configured = plain.withTruncation(Truncation.of(20)).withPadding(Padding.fixed(20, 2, "[PAD]").withMultipleOf(16).withDirection(Truncation.Direction.LEFT));
    try (HfRawReference hf = HfRawReference.load(JSON.writeValueAsString(v))) {
      for (String[] in : INPUTS) assertSame(hf.encode(in[0], in[1], true), configured.encode(in[0], in[1], true), "fixed " + Arrays.toString(in));
    }
    v.remove("truncation");
    v.set("padding", JSON.readTree("{\"strategy\":\"BatchLongest\",\"direction\":\"Right\",\"pad_to_multiple_of\":null,\"pad_id\":2,\"pad_type_id\":0,\"pad_token\":\"[PAD]\"}"));
    Tokenizer longest = plain.withPadding(Padding.batchLongest(2, "[PAD]"));
    assertEquals(Tokenizers.load(new ByteArrayInputStream(JSON.writeValueAsBytes(v)), "t.json").padding(), longest.padding());
  }

  @Test
  void impossibleTruncationIsAnErrorNotACrash() throws Exception {
    ObjectNode v = base.deepCopy();
    v.set("post_processor", JSON.readTree(BERT));
    v.set("truncation", JSON.readTree("{\"direction\":\"Right\",\"max_length\":4,\"strategy\":\"LongestFirst\",\"stride\":3}"));
    Tokenizer ours = Tokenizers.load(new ByteArrayInputStream(JSON.writeValueAsBytes(v)), "t.json");
    // Hugging Face's builder loads such a file and encodes what needs no cut, but panics when it must
    // cut (the stride is not below the room left after the special tokens).
    try (HfRawReference hf = HfRawReference.load(JSON.writeValueAsString(v))) {
      assertSame(hf.encode("a", null, true), ours.encode("a", true), "short input, impossible stride");
    }
    assertThrows(IllegalArgumentException.class, () -> ours.encode("a long enough sentence to cut", true));
    // Set through the API, Hugging Face's with_truncation refuses it at once.
    Tokenizer plain = Tokenizers.load(new ByteArrayInputStream(JSON.writeValueAsBytes(base.deepCopy().set("post_processor", JSON.readTree(BERT)))), "t.json");
    assertThrows(IllegalArgumentException.class, () -> plain.withTruncation(ours.truncation()));
    v.set("truncation", JSON.readTree("{\"direction\":\"Right\",\"max_length\":4,\"strategy\":\"OnlySecond\",\"stride\":0}"));
    Tokenizer onlySecond = Tokenizers.load(new ByteArrayInputStream(JSON.writeValueAsBytes(v)), "t.json");
    assertThrows(IllegalArgumentException.class, () -> onlySecond.encode("a long enough sentence to cut", true));
  }
}
