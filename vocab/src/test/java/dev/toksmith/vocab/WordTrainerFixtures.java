package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.Corpus;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the fixtures {@code trainer/make-word-fixtures.py} makes with Hugging Face's own
 * trainers: the training samples (all bundled samples but the held-out ones, in file name order),
 * the held-out lines, the fixture files, and the comparisons the trainer tests share.
 */
final class WordTrainerFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  /** As HELD_OUT in make-word-fixtures.py. */
  static final List<String> HELD_OUT = List.of("sotu-1790-washington.txt", "udhr-deu.txt", "udhr-hin.txt", "udhr-jpn.txt", "udhr-rus.txt", "udhr-vie.txt");
  /** The tokenizer.json parts besides the model. */
  static final List<String> PIPELINE_STAGES = List.of("added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder");

  private WordTrainerFixtures() {}

  /** The samples not held out, in file name order, each line one document. */
  static Corpus trainingCorpus() {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : samplesByFile()) if (!HELD_OUT.contains(s.file())) sources.add(new Corpus.Source(s.file(), s::open));
    return Corpus.ofSources(sources);
  }

  static List<Sample> samplesByFile() {
    return Samples.all().stream().sorted(Comparator.comparing(Sample::file)).toList();
  }

  /** The non-empty lines of the held-out samples, without their newlines. */
  static List<String> heldOutLines() {
    List<String> lines = new ArrayList<>();
    for (String file : HELD_OUT) {
      Sample sample = samplesByFile().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
      for (String line : sample.text().split("\n", -1)) if (!line.isEmpty()) lines.add(line);
    }
    return lines;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = WordTrainerFixtures.class.getResourceAsStream("/trainer/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource /trainer/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonNode json(String resourceName) throws IOException {
    return JSON.readTree(resource(resourceName));
  }

  /** The ids Hugging Face gave each held-out line with special tokens added (X.heldout.ids). */
  static List<long[]> heldOutIds(String fixture) throws IOException {
    List<long[]> ids = new ArrayList<>();
    for (String line : resource(fixture + ".heldout.ids").split("\n")) {
      ids.add(line.isEmpty() ? new long[0] : java.util.Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray());
    }
    return ids;
  }

  static Map<String, Integer> vocabulary(JsonNode tokenizer) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    tokenizer.at("/model/vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().intValue()));
    return vocab;
  }

  /** Same ids for the same tokens; reports the first token that differs, by reference id. */
  static void assertSameVocabulary(Map<String, Integer> expected, Map<String, Integer> actual) {
    List<Map.Entry<String, Integer>> byId = new ArrayList<>(expected.entrySet());
    byId.sort(Map.Entry.comparingByValue());
    for (Map.Entry<String, Integer> e : byId) {
      assertEquals(e.getValue(), actual.get(e.getKey()), () -> "id of token " + e.getKey() + " (first token that differs, by reference id)");
    }
    assertEquals(expected.size(), actual.size(), "vocabulary size");
  }

  static void assertSamePipeline(JsonNode expected, JsonNode actual) {
    for (String stage : PIPELINE_STAGES) assertEquals(expected.get(stage), actual.get(stage), stage);
  }

  /**
   * toksmith's tokenizer, and Hugging Face (DJL) running the file toksmith saved, both give {@code
   * expected} for every held-out line, special tokens added.
   */
  static void assertHeldOutIds(List<long[]> expected, Tokenizer toksmith, Path saved) throws IOException {
    List<String> lines = heldOutLines();
    assertEquals(lines.size(), expected.size(), "held-out lines");
    List<HfReference.Encoded> djl;
    try (HfReference reference = HfReference.load(Files.readString(saved), true)) {
      djl = reference.encodeAll(lines);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      long[] ours = java.util.Arrays.stream(toksmith.encode(line, true).ids()).asLongStream().toArray();
      assertArrayEquals(expected.get(i), ours, () -> "toksmith ids for " + line);
      assertArrayEquals(expected.get(i), djl.get(i).ids(), () -> "Hugging Face (DJL) ids with toksmith's file for " + line);
    }
  }
}
