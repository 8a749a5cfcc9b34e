package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.WordCounts;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Normalization;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains toksmith on the bundled samples with the settings that {@code trainer/make-fixtures.py}
 * gave Hugging Face's own {@code BpeTrainer} (tokenizers 0.23.2), and expects the reference's
 * vocabulary, its merges in the same order and the same pipeline; then checks that the saved file
 * encodes every training document as the reference's file does, in toksmith and in Hugging Face's
 * Rust core (DJL). One configuration counts words on the calling thread, the other on three worker
 * threads, and one counts them apart, in shuffled partitions combined in reverse, before training
 * from the counts, as a distributed job does.
 */
class HuggingFaceTrainerFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PIPELINE_STAGES =
      List.of("added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder");

  @TempDir Path dir;

  @Test
  void plainTrainingLearnsHuggingFacesMerges() throws Exception {
    check("plain-4000.json", ByteLevelBpeTrainer.builder().vocabSize(4000).minFrequency(2).threads(1));
  }

  @Test
  void normalizedTrainingWithSpecialTokensLearnsHuggingFacesMerges() throws Exception {
    check("nfkc-lowercase-specials-4000.json", ByteLevelBpeTrainer.builder()
        .vocabSize(4000)
        .minFrequency(2)
        .normalization(List.of(Normalization.NFKC, Normalization.LOWERCASE))
        .specialTokens(List.of("<|endoftext|>", "<pad>", "<mask>"))
        .threads(3));
  }

  @Test
  void maximumTokenLengthLearnsHuggingFacesMerges() throws Exception {
    // The fixture's max_token_length=4 keeps pairs shorter than 4 bytes: toksmith's maxTokenLength(3).
    check("char-nfkc-max3-4096.json", ByteLevelBpeTrainer.builder()
        .vocabSize(4096)
        .minFrequency(2)
        .normalization(List.of(Normalization.NFKC))
        .specialTokens(List.of("<|start|>", "<|end|>", "<|pad|>", "<|unk|>", "<|sep|>", "<|cls|>", "<|mask|>",
            "<|system|>", "</|system|>", "<|user|>", "</|user|>", "<|instruction|>", "</|instruction|>"))
        .maxTokenLength(3));
  }

  @Test
  void trainingFromCountsMadeApartLearnsHuggingFacesMerges() throws Exception {
    ByteLevelBpeTrainer trainer = ByteLevelBpeTrainer.builder()
        .vocabSize(4000)
        .minFrequency(2)
        .normalization(List.of(Normalization.NFKC, Normalization.LOWERCASE))
        .specialTokens(List.of("<|endoftext|>", "<pad>", "<mask>"))
        .build();
    List<String> documents = new ArrayList<>(documents());
    Collections.shuffle(documents, new Random(20));
    List<WordCounts> partitions = new ArrayList<>();
    for (int p = 0; p < 7; p++) {
      WordCounts counts = new WordCounts();
      DocumentSink counter = trainer.wordCounter(counts);
      for (int i = p; i < documents.size(); i += 7) counter.accept(documents.get(i));
      partitions.add(counts);
    }
    Collections.reverse(partitions);
    WordCounts all = new WordCounts();
    for (WordCounts counts : partitions) all.addAll(counts);
    Tokenizer trained = trainer.train(all, new CorpusStats(documents.size(), 0, 0)).tokenizer();
    check("nfkc-lowercase-specials-4000.json", trained);
  }

  private void check(String fixtureName, ByteLevelBpeTrainer.Builder settings) throws Exception {
    check(fixtureName, settings.build().train(sampleFiles()).tokenizer());
  }

  private void check(String fixtureName, Tokenizer trained) throws Exception {
    String fixture = resource("/trainer/" + fixtureName);
    Path saved = dir.resolve(fixtureName);
    Tokenizers.save(trained, saved);

    JsonNode expected = JSON.readTree(fixture);
    JsonNode actual = JSON.readTree(saved.toFile());
    assertTrue(merges(expected).size() > 3000, "the fixture holds thousands of merges");
    assertSameMerges(merges(expected), merges(actual));
    assertSameVocabulary(vocabulary(expected), vocabulary(actual));
    for (String stage : PIPELINE_STAGES) assertEquals(expected.get(stage), actual.get(stage), stage);
    assertEncodesLikeFixture(fixture, saved);
  }

  /** The sample files in name order, as make-fixtures.py lists them, each line one document. */
  private static Corpus sampleFiles() {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : sortedSamples()) sources.add(new Corpus.Source(s.file(), s::open));
    return Corpus.ofSources(sources);
  }

  private static List<Sample> sortedSamples() {
    return Samples.all().stream().sorted(Comparator.comparing(Sample::file)).toList();
  }

  /** Every training document: each line of each sample with its newline. */
  private static List<String> documents() {
    List<String> documents = new ArrayList<>();
    for (Sample s : sortedSamples()) {
      String text = s.text();
      for (int start = 0; start < text.length(); ) {
        int newline = text.indexOf('\n', start);
        int end = newline < 0 ? text.length() : newline + 1;
        documents.add(text.substring(start, end));
        start = end;
      }
    }
    return documents;
  }

  private static Map<String, Integer> vocabulary(JsonNode tokenizer) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    tokenizer.at("/model/vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().intValue()));
    return vocab;
  }

  /** Merges as "left right" whatever the file's spelling ({@code ["l", "r"]} or {@code "l r"}). */
  private static List<String> merges(JsonNode tokenizer) {
    List<String> merges = new ArrayList<>();
    for (JsonNode merge : tokenizer.at("/model/merges")) {
      merges.add(merge.isTextual() ? merge.textValue() : merge.get(0).textValue() + " " + merge.get(1).textValue());
    }
    return merges;
  }

  private static void assertSameVocabulary(Map<String, Integer> expected, Map<String, Integer> actual) {
    List<Map.Entry<String, Integer>> byId = new ArrayList<>(expected.entrySet());
    byId.sort(Map.Entry.comparingByValue());
    for (Map.Entry<String, Integer> e : byId) {
      assertEquals(e.getValue(), actual.get(e.getKey()), () -> "id of token " + e.getKey() + " (first token that differs, by reference id)");
    }
    assertEquals(expected.size(), actual.size(), "vocabulary size");
  }

  private static void assertSameMerges(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      int at = i;
      assertEquals(expected.get(i), actual.get(i), () -> "merge " + at + " (the first that differs); reference around it: "
          + expected.subList(Math.max(0, at - 3), Math.min(expected.size(), at + 4))
          + ", toksmith: " + actual.subList(Math.max(0, at - 3), Math.min(actual.size(), at + 4)));
    }
    assertEquals(expected.size(), actual.size(), "number of merges");
  }

  /** The saved file, in toksmith and in DJL, gives the ids, tokens and offsets DJL gives with the fixture. */
  private static void assertEncodesLikeFixture(String fixture, Path saved) throws IOException {
    List<String> documents = documents();
    String savedJson = Files.readString(saved);
    List<HfReference.Encoded> expected;
    List<HfReference.Encoded> djlWithSaved;
    try (HfReference reference = HfReference.load(fixture); HfReference savedInReference = HfReference.load(savedJson)) {
      expected = reference.encodeAll(documents);
      djlWithSaved = savedInReference.encodeAll(documents);
    }
    Tokenizer toksmith = Tokenizers.load(saved);
    List<Encoding> ours = toksmith.encodeBatch(documents, false);
    for (int i = 0; i < documents.size(); i++) {
      String document = documents.get(i);
      HfReference.Encoded want = expected.get(i);
      HfReference.Encoded djl = djlWithSaved.get(i);
      assertArrayEquals(want.ids(), djl.ids(), () -> "DJL ids with the saved file for " + document);
      assertArrayEquals(want.starts(), djl.starts(), () -> "DJL starts with the saved file for " + document);
      assertArrayEquals(want.ends(), djl.ends(), () -> "DJL ends with the saved file for " + document);
      Encoding got = ours.get(i);
      assertArrayEquals(want.ids(), Arrays.stream(got.ids()).asLongStream().toArray(), () -> "toksmith ids for " + document);
      assertEquals(List.of(want.tokens()), got.tokens(), () -> "toksmith tokens for " + document);
      int[] starts = new int[got.size()];
      int[] ends = new int[got.size()];
      for (int k = 0; k < got.size(); k++) {
        starts[k] = got.start(k);
        ends[k] = got.end(k);
      }
      assertArrayEquals(want.starts(), starts, () -> "toksmith starts for " + document);
      assertArrayEquals(want.ends(), ends, () -> "toksmith ends for " + document);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HuggingFaceTrainerFixtureTest.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
