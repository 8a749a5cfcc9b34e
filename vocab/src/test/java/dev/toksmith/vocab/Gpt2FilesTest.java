package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPT-2 style vocab.json + merges.txt, checked against Hugging Face running the pipeline its
 * {@code ByteLevelBPETokenizer(vocab, merges)} builds from them, written as tokenizer.json.
 */
class Gpt2FilesTest {
  @TempDir static Path dir;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void writeFiles() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.group("legal")) sources.add(new Corpus.Source(s.name(), s::open));
    Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(1200).build().train(Corpus.ofSources(sources)).tokenizer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(trained, out);
    JsonNode model = JSON.readTree(out.toByteArray()).get("model");
    Files.write(dir.resolve("vocab.json"), JSON.writeValueAsBytes(model.get("vocab")));
    StringBuilder merges = new StringBuilder("#version: 0.2\n");
    for (JsonNode m : model.get("merges")) merges.append(m.asText()).append('\n');
    Files.writeString(dir.resolve("merges.txt"), merges);
  }

  /** The tokenizer.json Hugging Face's ByteLevelBPETokenizer saves for these files. */
  private static String referenceJson() throws Exception {
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},"
        + "\"post_processor\":{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":false,\"use_regex\":true},"
        + "\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true},"
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,\"end_of_word_suffix\":null,"
        + "\"fuse_unk\":false,\"byte_fallback\":false,\"vocab\":" + Files.readString(dir.resolve("vocab.json"))
        + ",\"merges\":" + JSON.writeValueAsString(Files.readAllLines(dir.resolve("merges.txt")).subList(1, Files.readAllLines(dir.resolve("merges.txt")).size())) + "}}";
  }

  @Test
  void loadsLikeHuggingFacesByteLevelBpeTokenizer() throws Exception {
    List<String> texts = new ArrayList<>();
    for (Sample s : Samples.all()) texts.addAll(Arrays.asList(s.text().split("\n")).subList(0, Math.min(100, s.text().split("\n").length)));
    texts.add("<|endoftext|> is ordinary text here");
    for (Tokenizer ours : List.of(Tokenizers.load(dir), Tokenizers.load(dir.resolve("vocab.json")), Tokenizers.load(dir.resolve("merges.txt")),
        Tokenizers.loadGpt2(dir.resolve("vocab.json"), dir.resolve("merges.txt")))) {
      try (HfReference hf = HfReference.load(referenceJson())) {
        List<HfReference.Encoded> expected = hf.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
          Encoding e = ours.encode(texts.get(i));
          assertArrayEquals(expected.get(i).ids(), Arrays.stream(e.ids()).asLongStream().toArray(), texts.get(i));
          assertArrayEquals(expected.get(i).starts(), java.util.stream.IntStream.range(0, e.size()).map(e::start).toArray(), texts.get(i));
        }
      }
    }
  }

  @Test
  void convertsToTokenizerJsonThatHuggingFaceReadsTheSame() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(Tokenizers.load(dir), out);
    List<String> texts = Arrays.asList(Samples.byName("us-constitution").text().split("\n"));
    try (HfReference converted = HfReference.load(out.toString(java.nio.charset.StandardCharsets.UTF_8)); HfReference reference = HfReference.load(referenceJson())) {
      List<HfReference.Encoded> a = converted.encodeAll(texts);
      List<HfReference.Encoded> b = reference.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) assertArrayEquals(b.get(i).ids(), a.get(i).ids());
    }
  }

  @Test
  void badFilesNameTheFileAndLine() throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.copy(dir.resolve("vocab.json"), bad.resolve("vocab.json"));
    Files.writeString(bad.resolve("merges.txt"), "#version: 0.2\nĠ t\nnot-a-pair\n");
    String message = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(bad)).getMessage();
    assertTrue(message.endsWith("merges.txt:3: expected \"left right\""), message);
    Files.writeString(bad.resolve("merges.txt"), "zzz qqq\n");
    message = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(bad)).getMessage();
    assertTrue(message.endsWith("merges.txt:1: token zzz is not in vocab.json"), message);
    Files.writeString(bad.resolve("vocab.json"), "{\"a\": \"x\"}");
    message = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(bad)).getMessage();
    assertTrue(message.contains("vocab.json: token a: expected a non-negative integer id"), message);
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(empty + ": a directory holding no tokenizer (tokenizer.json, or vocab.json and merges.txt)",
        assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(empty)).getMessage());
    Files.writeString(bad.resolve("vocab.json"), "{\"a\": 0, \"b\": 1");
    message = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(bad)).getMessage();
    assertEquals(bad.resolve("vocab.json") + ": not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1) (line 1, column 16)",
        message, "Jackson's own location notes become line and column");
  }
}
