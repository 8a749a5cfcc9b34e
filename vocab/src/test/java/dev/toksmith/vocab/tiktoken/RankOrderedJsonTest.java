package dev.toksmith.vocab.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tokenizer.json whose merges are in rank order (docs/byte-level-fast-path.md, "Merges in rank
 * order") runs on the ranks of its tokens: the files converted from tiktoken's encodings give the
 * built-in names' ids (which jtokkit checks) on random multilingual text, long pieces included, and on
 * the benchmark mix; and files that differ from that shape in one merge, one option or one added token
 * give Hugging Face's ids (through DJL), on the ranks only where the merges still are in rank order.
 */
class RankOrderedJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] converted(String encoding) throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Tokenizers.write(TiktokenEncodings.load(encoding).orElseThrow().stages(), json);
    return json.toByteArray();
  }

  private static Pipeline load(byte[] json, String name) throws IOException {
    return (Pipeline) Tokenizers.load(new ByteArrayInputStream(json), name);
  }

  /** Whether the pipeline's model runs on ranks; null when it has no byte-level engine. */
  private static Boolean onRanks(Pipeline pipeline) {
    BpeModel bpe = (BpeModel) pipeline.model();
    return bpe.byteLevel() == null ? null : bpe.tables().rankOrdered();
  }

  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "cl100k_base", "o200k_base"})
  void convertedFilesRunOnRanksAndGiveTheNamesIds(String encoding) throws IOException {
    TiktokenTokenizer name = TiktokenEncodings.load(encoding).orElseThrow();
    Pipeline json = load(converted(encoding), encoding + ".json");
    assertEquals(true, onRanks(json), encoding + " runs on ranks");
    Random random = new Random(encoding.hashCode() * 31L + 16);
    for (int i = 0; i < 3000; i++) {
      String text = TiktokenMultilingualDifferentialTest.randomText(random);
      int[] expected = name.encodeIds(text);
      assertArrayEquals(expected, json.encodeIds(text), () -> encoding + ".json: " + text);
      assertArrayEquals(expected, json.encodeBytes(text.getBytes(StandardCharsets.UTF_8)), () -> encoding + ".json bytes: " + text);
      assertEquals(expected.length, json.countTokens(text), () -> encoding + ".json count: " + text);
      assertArrayEquals(expected, json.withGeneralPathOnly().encode(text).ids(), () -> encoding + ".json, stage by stage: " + text);
    }
    Path mix = benchmarkMix();
    if (mix != null) {
      List<String> lines = Files.readAllLines(mix, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i += 8) {
        String line = lines.get(i);
        assertArrayEquals(name.encodeIds(line), json.encodeIds(line), () -> encoding + ".json: " + mix.getFileName() + ":" + line);
      }
    }
  }

  /** {@code jmh/target/bench-multilingual/multilingual.txt} when it has been built, else null (the random texts still run). */
  private static Path benchmarkMix() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path mix = p.resolve("jmh/target/bench-multilingual/multilingual.txt");
      if (Files.isDirectory(p.resolve(".mvn")) && Files.isRegularFile(mix)) return mix;
    }
    return null;
  }

  /** r50k_base's file changed by {@code change}, loaded; asserts how it runs and that it gives Hugging Face's ids. */
  private static void agreesWithHuggingFace(ObjectNode base, String what, Boolean expectOnRanks, Consumer<ObjectNode> change) throws IOException {
    ObjectNode doc = base.deepCopy();
    change.accept(doc);
    String json = JSON.writeValueAsString(doc);
    Pipeline ours = load(json.getBytes(StandardCharsets.UTF_8), what + ".json");
    assertEquals(expectOnRanks, onRanks(ours), what + ": runs on ranks");
    List<String> texts = texts();
    try (HfReference hf = HfReference.load(json, false)) {
      List<HfReference.Encoded> expected = hf.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        int[] ids = Arrays.stream(expected.get(i).ids()).mapToInt(id -> (int) id).toArray();
        assertArrayEquals(ids, ours.encodeIds(text), () -> what + ": " + text);
        assertArrayEquals(ids, ours.encode(text).ids(), () -> what + ", with offsets: " + text);
      }
    }
  }

  /** Edge strings, the first lines of every sample, and random multilingual texts (long pieces among them). */
  private static List<String> texts() {
    List<String> texts = new ArrayList<>(List.of("<|endoftext|>", "a<|endoftext|>b", "aaaaaaaaaaaaaaaa", "a".repeat(500), " ".repeat(300) + "x",
        "HTTPServer's DON'T", "😀👍🏽👨‍👩‍👧 e\u0301 中文 한국어", "abababababababababababababababababababababababababababababababababababab"));
    for (Sample sample : Samples.all()) {
      String[] lines = sample.text().split("\n");
      for (int i = 0; i < Math.min(lines.length, 30); i++) texts.add(lines[i]);
    }
    Random random = new Random(17);
    for (int i = 0; i < 500; i++) texts.add(TiktokenMultilingualDifferentialTest.randomText(random));
    return texts;
  }

  private static String joined(JsonNode merge) {
    return merge.isArray() ? merge.get(0).asText() + merge.get(1).asText() : merge.asText().replace(" ", "");
  }

  /** The index of the first merge whose token the next merge makes too. */
  private static int firstOfTwoMergesOfOneToken(ArrayNode merges) {
    for (int i = 0; i + 1 < merges.size(); i++) if (joined(merges.get(i)).equals(joined(merges.get(i + 1)))) return i;
    throw new AssertionError("no token with two merges");
  }

  @Test
  void filesOneChangeAwayGiveHuggingFacesIds() throws IOException {
    ObjectNode base = (ObjectNode) JSON.readTree(converted("r50k_base"));
    agreesWithHuggingFace(base, "as converted", true, doc -> {});
    agreesWithHuggingFace(base, "without ignore_merges", true, doc -> ((ObjectNode) doc.get("model")).put("ignore_merges", false));
    agreesWithHuggingFace(base, "two merges of one token swapped", false, doc -> {
      ArrayNode merges = (ArrayNode) doc.get("model").get("merges");
      int i = firstOfTwoMergesOfOneToken(merges);
      JsonNode first = merges.get(i);
      merges.set(i, merges.get(i + 1));
      merges.set(i + 1, first);
    });
    agreesWithHuggingFace(base, "one merge missing", false, doc -> ((ArrayNode) doc.get("model").get("merges")).remove(firstOfTwoMergesOfOneToken((ArrayNode) doc.get("model").get("merges"))));
    agreesWithHuggingFace(base, "a late merge first", false, doc -> {
      ArrayNode merges = (ArrayNode) doc.get("model").get("merges");
      merges.insert(0, merges.remove(merges.size() / 2));
    });
    agreesWithHuggingFace(base, "byte_fallback", true, doc -> ((ObjectNode) doc.get("model")).put("byte_fallback", true));
    agreesWithHuggingFace(base, "an added token inside words", true, doc -> {
      ObjectNode added = ((ArrayNode) doc.get("added_tokens")).addObject();
      added.put("id", doc.get("model").get("vocab").get("ing").asInt()).put("content", "ing").put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", false);
    });
    agreesWithHuggingFace(base, "a prefix space", true, doc -> {
      for (JsonNode stage : doc.get("pre_tokenizer").get("pretokenizers")) if (stage.get("type").asText().equals("ByteLevel")) ((ObjectNode) stage).put("add_prefix_space", true);
    });
  }
}
