package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.DomainTrainingResult;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.bpe.BpeModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Counting apart and combining: counts made on any split of the documents, combined in any order and
 * grouping, are the same table, and training on them gives the tokenizer that training on the corpus
 * gives.
 */
class WordCountsTest {
  private static final String TEXT = String.join("\n",
      "Pursuant to 28 U.S.C. 1331, the district court has jurisdiction over the claim (a) and the counterclaim (b).",
      "In 1789 the Congress of the United States passed the Judiciary Act; see Marbury v. Madison, 5 U.S. 137 (1803).",
      "ＦＵＬＬＷＩＤＴＨ ﬁnance, İstanbul ΣΊΣΥΦΟΣ straße 😀 \u0000 naïve café résumé -- über 2049 (iv) ........",
      "The court held that the statute, as amended in 1996, applies to every claim filed after the effective date.\r",
      "Section 230(c)(1) provides that no provider shall be treated as the publisher of information.",
      "");

  @Test
  void countsWordsByTheirBytes() {
    WordCounts counts = new WordCounts();
    counts.add("the", 2);
    counts.add("the".getBytes(StandardCharsets.UTF_8), 0, 3, 5);
    counts.add("x\uD800", 1);
    counts.add(new byte[] {'a', 'b', 'c'}, 1, 2, 1);
    assertEquals(Map.of("[116, 104, 101]", 7L, "[120, -19, -96, -128]", 1L, "[98]", 1L), table(counts));
    assertEquals(3, counts.size());
  }

  @Test
  void refusesCountsBelowOneAndRangesOutsideTheArray() {
    WordCounts counts = new WordCounts();
    assertThrows(IllegalArgumentException.class, () -> counts.add("a", 0));
    assertThrows(IllegalArgumentException.class, () -> counts.add("a", -3));
    assertThrows(IndexOutOfBoundsException.class, () -> counts.add(new byte[2], 1, 3, 1));
    assertEquals(0, counts.size());
  }

  @Test
  void combiningInAnyOrderAndGroupingGivesTheSameTable() throws IOException {
    Random random = new Random(3);
    List<String> documents = documents(TEXT.repeat(5));
    ByteLevelBpeTrainer trainer = ByteLevelBpeTrainer.builder().build();
    Map<String, Long> whole = table(count(trainer, documents));
    for (int parts : new int[] {2, 3, 7}) {
      List<WordCounts> partitions = countedApart(trainer, documents, parts, random);
      assertEquals(whole, table(combined(partitions, random)), parts + " parts");
    }
  }

  @Test
  void byteLevelBpeFromCountsEqualsTrainingOnTheCorpus() throws IOException {
    for (ByteLevelBpeTrainer trainer : List.of(
        ByteLevelBpeTrainer.builder().vocabSize(600).minFrequency(2).threads(1).build(),
        ByteLevelBpeTrainer.builder().vocabSize(700).normalization(List.of(Normalization.NFKC, Normalization.LOWERCASE))
            .specialTokens(List.of("<|endoftext|>")).maxTokenLength(4).threads(3).build())) {
      TrainingResult expected = trainer.train(corpus());
      assertTrue(((Pipeline) expected.tokenizer()).model() instanceof BpeModel bpe && bpe.merges().size() > 100, "the corpus supports merges");
      Random random = new Random(11);
      for (int parts : new int[] {1, 4, 9}) {
        List<String> documents = documents(TEXT.repeat(20));
        WordCounts counts = combined(countedApart(trainer, documents, parts, random), random);
        TrainingResult fromCounts = trainer.train(counts, expected.corpus());
        assertSameTokenizer(expected.tokenizer(), fromCounts.tokenizer());
        assertEquals(expected, new TrainingResult(expected.tokenizer(), fromCounts.corpus(), fromCounts.distinctWords(), fromCounts.merges()));
      }
    }
  }

  @Test
  void domainPresetsFromCountsEqualTrainingOnTheCorpus() throws IOException {
    for (DomainBpeTrainer trainer : List.of(
        DomainBpeTrainer.kl3m().vocabSize(2500).customTokens(List.of("U.S.C.")).build(),
        DomainBpeTrainer.kl3m().vocabSize(2300).lowercase(true).padToPowerOfTwo(true).build(),
        DomainBpeTrainer.kl3mChar().vocabSize(4096).build())) {
      DomainTrainingResult expected = trainer.train(corpus());
      Random random = new Random(5);
      List<String> documents = documents(TEXT.repeat(20));
      WordCounts counts = new WordCounts();
      for (WordCounts part : countedApart(trainer, documents, 5, random)) counts.addAll(part);
      DomainTrainingResult fromCounts = trainer.train(counts, expected.corpus());
      assertSameTokenizer(expected.tokenizer(), fromCounts.tokenizer());
      assertEquals(List.of(expected.corpus(), expected.distinctWords(), expected.merges(), expected.customAdded(), expected.customLearned(), expected.padding()),
          List.of(fromCounts.corpus(), fromCounts.distinctWords(), fromCounts.merges(), fromCounts.customAdded(), fromCounts.customLearned(), fromCounts.padding()));
    }
  }

  @Test
  void trainersTravelAsTheirSettings() throws Exception {
    List<WordCountTrainer<?>> trainers = List.of(
        ByteLevelBpeTrainer.builder().vocabSize(700).normalization(List.of(Normalization.NFKC, Normalization.LOWERCASE))
            .specialTokens(List.of("<|endoftext|>")).maxTokenLength(4).minFrequency(3).threads(2).progress((phase, done, total) -> {}).build(),
        DomainBpeTrainer.kl3m().vocabSize(2300).lowercase(true).padToPowerOfTwo(true).customTokens(List.of("U.S.C.")).build());
    for (WordCountTrainer<?> trainer : trainers) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(trainer);
      }
      WordCountTrainer<?> copy;
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        copy = (WordCountTrainer<?>) in.readObject();
      }
      List<String> documents = documents(TEXT.repeat(5));
      assertEquals(table(count(trainer, documents)), table(count(copy, documents)));
      Object expected = trainer.train(corpus());
      Object actual = copy.train(corpus());
      Tokenizer expectedTokenizer = expected instanceof TrainingResult r ? r.tokenizer() : ((DomainTrainingResult) expected).tokenizer();
      Tokenizer actualTokenizer = actual instanceof TrainingResult r ? r.tokenizer() : ((DomainTrainingResult) actual).tokenizer();
      assertSameTokenizer(expectedTokenizer, actualTokenizer);
    }
  }

  private static Corpus corpus() {
    byte[] bytes = TEXT.repeat(20).getBytes(StandardCharsets.UTF_8);
    return Corpus.ofSources(List.of(new Corpus.Source("legal", () -> new ByteArrayInputStream(bytes))));
  }


  /** The documents of {@code text} as a corpus reads them: each line with its newline. */
  private static List<String> documents(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> documents = new ArrayList<>();
    Corpus.ofSources(List.of(new Corpus.Source("text", () -> new ByteArrayInputStream(bytes)))).read(documents::add, ReadProgress.NONE);
    return documents;
  }

  private static WordCounts count(WordCountTrainer<?> trainer, List<String> documents) {
    WordCounts counts = new WordCounts();
    DocumentSink sink = trainer.wordCounter(counts);
    documents.forEach(sink::accept);
    return counts;
  }

  /** The documents shuffled and dealt into {@code parts} partitions, each counted by itself. */
  private static List<WordCounts> countedApart(WordCountTrainer<?> trainer, List<String> documents, int parts, Random random) {
    List<String> shuffled = new ArrayList<>(documents);
    Collections.shuffle(shuffled, random);
    List<List<String>> dealt = new ArrayList<>();
    for (int p = 0; p < parts; p++) dealt.add(new ArrayList<>());
    for (String d : shuffled) dealt.get(random.nextInt(parts)).add(d);
    List<WordCounts> counted = new ArrayList<>();
    for (List<String> part : dealt) counted.add(count(trainer, part));
    return counted;
  }

  /** Combines the counts pairwise in a random order, as a tree of merges across tasks would. */
  private static WordCounts combined(List<WordCounts> parts, Random random) {
    List<WordCounts> left = new ArrayList<>(parts);
    while (left.size() > 1) {
      WordCounts a = left.remove(random.nextInt(left.size()));
      WordCounts b = left.remove(random.nextInt(left.size()));
      b.addAll(a);
      left.add(b);
    }
    return left.get(0);
  }

  private static Map<String, Long> table(WordCounts counts) {
    Map<String, Long> table = new HashMap<>();
    counts.forEach((bytes, from, to, count) -> assertEquals(null, table.put(Arrays.toString(Arrays.copyOfRange(bytes, from, to)), count)));
    return table;
  }

  private static void assertSameTokenizer(Tokenizer expected, Tokenizer actual) {
    assertEquals(expected.vocabSize(), actual.vocabSize());
    for (int id = 0; id < expected.vocabSize(); id++) {
      assertEquals(expected.idToToken(id), actual.idToToken(id), "token " + id);
      assertEquals(expected.isSpecialToken(id), actual.isSpecialToken(id), "special " + id);
    }
    assertEquals(((BpeModel) ((Pipeline) expected).model()).merges(), ((BpeModel) ((Pipeline) actual).model()).merges());
    assertEquals(Arrays.toString(expected.encodeIds(TEXT)), Arrays.toString(actual.encodeIds(TEXT)));
  }
}
