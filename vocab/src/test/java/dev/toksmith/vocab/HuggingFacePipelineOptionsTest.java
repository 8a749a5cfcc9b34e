package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pipeline settings the trainer does not produce but tokenizer.json files carry: prefix spaces,
 * offset trimming, templates, added tokens with every option, Split behaviours. Each variant is
 * written as JSON, loaded by toksmith and by Hugging Face, and compared on the same texts.
 */
class HuggingFacePipelineOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ObjectNode base;
  private static List<String> texts;

  @BeforeAll
  static void trainBase() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(2000).specialTokens(List.of("<s>", "</s>", "[SEP]")).build().train(Corpus.ofSources(sources)).tokenizer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(trained, out);
    base = (ObjectNode) JSON.readTree(out.toByteArray());
    texts = new ArrayList<>();
    for (Sample s : Samples.all()) {
      List<String> lines = Arrays.asList(s.text().split("\n"));
      texts.addAll(lines.subList(0, Math.min(60, lines.size())));
    }
    texts.addAll(List.of("", " ", "  two leading", "trailing  ", "<s>Court</s> the COURT said [SEP] court's", "a <mask> b<mask>c  <mask>  d\t<mask>\n",
        "The Court,the court: COURT.", "\u00A0Court\u3000court", "x[SEP]y <s></s>", "é\u0301 Ⅳ ﬁ", "12345 678 9"));
  }

  private static ObjectNode variant() {
    return base.deepCopy();
  }

  private static ObjectNode node(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static void compare(ObjectNode json) throws Exception {
    String text = JSON.writeValueAsString(json);
    Tokenizer ours = Tokenizers.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "variant.json");
    for (boolean addSpecial : new boolean[] {false, true}) {
      try (HfReference hf = HfReference.load(text, addSpecial)) {
        List<HfReference.Encoded> expected = hf.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
          String t = texts.get(i);
          Encoding actual = ours.encode(t, addSpecial);
          HfReference.Encoded e = expected.get(i);
          assertArrayEquals(e.ids(), Arrays.stream(actual.ids()).asLongStream().toArray(), () -> "ids of [" + t + "] special=" + addSpecial);
          assertEquals(Arrays.asList(e.tokens()), actual.tokens(), () -> "tokens of [" + t + "]");
          for (int k = 0; k < actual.size(); k++) {
            int kk = k;
            // DJL reports no span for template tokens; Hugging Face gives them (0, 0).
            String expectedSpan = e.starts()[k] < 0 ? "0,0" : e.starts()[k] + "," + e.ends()[k];
            assertEquals(expectedSpan, actual.start(k) + "," + actual.end(k), () -> "offsets of token " + kk + " of [" + t + "] special=" + addSpecial);
          }
          assertEquals(hf.decode(e.ids(), true), ours.decode(actual.ids(), true), () -> "decode of [" + t + "]");
          assertEquals(ours.decode(actual.ids()), String.join("", ours.tokenTexts(actual.ids())), () -> "token texts of [" + t + "]");
        }
      }
    }
  }

  @Test
  void prefixSpaceAndOffsetTrimming() throws Exception {
    ObjectNode v = variant();
    v.set("pre_tokenizer", node("{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true}"));
    v.set("post_processor", node("{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true}"));
    compare(v);
  }

  @Test
  void templateProcessingAddsSpecialTokens() throws Exception {
    ObjectNode v = variant();
    v.set("post_processor", node("{\"type\":\"TemplateProcessing\","
        + "\"single\":[{\"SpecialToken\":{\"id\":\"<s>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"</s>\",\"type_id\":0}}],"
        + "\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
        + "\"special_tokens\":{\"<s>\":{\"id\":\"<s>\",\"ids\":[0],\"tokens\":[\"<s>\"]},\"</s>\":{\"id\":\"</s>\",\"ids\":[1],\"tokens\":[\"</s>\"]}}}"));
    compare(v);
  }

  @Test
  void addedTokensWithEveryOptionAndANormalizer() throws Exception {
    ObjectNode v = variant();
    v.set("normalizer", node("{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFKC\"},{\"type\":\"Lowercase\"}]}"));
    ArrayNode added = (ArrayNode) v.get("added_tokens");
    JsonNode vocab = v.get("model").get("vocab");
    // Stored with the ids Hugging Face gives them: the vocabulary's, else the next one (toksmith refuses other ids).
    int next = vocab.size();
    for (String token : List.of(
        "{\"content\":\"<mask>\",\"single_word\":true,\"lstrip\":true,\"rstrip\":true,\"normalized\":false,\"special\":true}",
        "{\"content\":\"Court\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":true,\"special\":false}",
        "{\"content\":\"COURT\",\"single_word\":false,\"lstrip\":false,\"rstrip\":true,\"normalized\":false,\"special\":false}",
        "{\"content\":\"fi\",\"single_word\":true,\"lstrip\":false,\"rstrip\":false,\"normalized\":true,\"special\":false}")) {
      ObjectNode t = (ObjectNode) node(token);
      JsonNode known = vocab.get(t.get("content").asText());
      t.put("id", known != null ? known.asInt() : next++);
      added.add(t);
    }
    compare(v);
  }

  @Test
  void splitBehaviours() throws Exception {
    for (String behavior : List.of("Isolated", "Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous")) {
      for (boolean invert : new boolean[] {false, true}) {
        ObjectNode v = variant();
        v.set("pre_tokenizer", node("{\"type\":\"Sequence\",\"pretokenizers\":["
            + "{\"type\":\"Split\",\"pattern\":{\"Regex\":\" ?[A-Za-z]+| ?[0-9]{1,3}|\\\\s+\"},\"behavior\":\"" + behavior + "\",\"invert\":" + invert + "},"
            + "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":false,\"use_regex\":false}]}"));
        compare(v);
        v.set("pre_tokenizer", node("{\"type\":\"Sequence\",\"pretokenizers\":["
            + "{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"behavior\":\"" + behavior + "\",\"invert\":" + invert + "},"
            + "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":false,\"use_regex\":true}]}"));
        compare(v);
      }
    }
  }

  @Test
  void preTokenizersAfterByteLevelSeeByteCharacters() throws Exception {
    // Falcon's pipeline: the stages after ByteLevel split the byte-level spelling.
    ObjectNode v = variant();
    v.set("pre_tokenizer", node("{\"type\":\"Sequence\",\"pretokenizers\":["
        + "{\"type\":\"Punctuation\",\"behavior\":\"Contiguous\"},"
        + "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},"
        + "{\"type\":\"Digits\",\"individual_digits\":false},"
        + "{\"type\":\"Split\",\"pattern\":{\"Regex\":\"[0-9][0-9][0-9]\"},\"behavior\":\"Isolated\",\"invert\":false}]}"));
    compare(v);
  }

  @Test
  void mergesAsPairsLoadTheSame() throws Exception {
    ObjectNode v = variant();
    ArrayNode pairs = JSON.createArrayNode();
    for (JsonNode m : v.get("model").get("merges")) {
      String[] parts = m.asText().split(" ", 2);
      pairs.add(JSON.createArrayNode().add(parts[0]).add(parts[1]));
    }
    ((ObjectNode) v.get("model")).set("merges", pairs);
    compare(v);
  }
}
