package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.VocabularyModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-based trainers' API: the result is the same on any number of threads, and training from
 * counts made in parts (as a cluster would make them) gives what training from the corpus gives.
 */
class WordTrainersTest {
  private static final List<String> DOCUMENTS = documents();

  private static List<String> documents() {
    Random random = new Random(7);
    String[] words = {"the", "The", "cat", "cats", "Café", "naïve", "sat", "on", "mat", "hat", "matting", "über", "東京", "ab", "abc", "abcd", "x-ray", "it's", "42", "4,2"};
    List<String> documents = new ArrayList<>();
    for (int d = 0; d < 3000; d++) {
      StringBuilder line = new StringBuilder();
      for (int w = random.nextInt(12); w >= 0; w--) line.append(words[(int) Math.min(words.length - 1, Math.abs(random.nextGaussian()) * 6)]).append(random.nextInt(5) == 0 ? ", " : " ");
      documents.add(line.append('\n').toString());
    }
    return documents;
  }

  private static Corpus corpus() {
    byte[] text = String.join("", DOCUMENTS).getBytes(StandardCharsets.UTF_8);
    return Corpus.ofSources(List.of(new Corpus.Source("documents", () -> new ByteArrayInputStream(text))));
  }

  private static Map<String, Integer> vocabulary(Tokenizer tokenizer) {
    VocabularyModel model = (VocabularyModel) ((Pipeline) tokenizer).model();
    Map<String, Integer> vocab = new HashMap<>();
    for (String token : model.vocabulary().tokensInIdOrder()) vocab.put(token, model.vocabulary().id(token));
    return vocab;
  }

  @Test
  void wordPieceIsTheSameOnAnyNumberOfThreads() throws IOException {
    Map<String, Integer> one = vocabulary(WordPieceTrainer.builder().vocabSize(120).threads(1).build().train(corpus()).tokenizer());
    Map<String, Integer> three = vocabulary(WordPieceTrainer.builder().vocabSize(120).threads(3).build().train(corpus()).tokenizer());
    assertTrue(one.containsKey("##s") && one.containsKey("cafe"), one::toString);
    assertEquals(one, three);
  }

  @Test
  void wordLevelIsTheSameOnAnyNumberOfThreads() throws IOException {
    Map<String, Integer> one = vocabulary(WordLevelTrainer.builder().threads(1).build().train(corpus()).tokenizer());
    Map<String, Integer> three = vocabulary(WordLevelTrainer.builder().threads(3).build().train(corpus()).tokenizer());
    assertEquals(0, one.get("[UNK]"));
    assertEquals(one, three);
  }

  @Test
  void wordLevelTrainsAlikeFromEveryFormOfTheCorpus(@TempDir Path dir) throws IOException {
    // Plain files and standard input are counted from blocks of bytes; gzip, JSON lines and lines
    // one by one (a normalizer) from strings.
    byte[] text = String.join("", DOCUMENTS).getBytes(StandardCharsets.UTF_8);
    Path plain = Files.write(dir.resolve("corpus.txt"), text);
    Path gzip = dir.resolve("corpus.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(text);
    }
    Path parts = Files.createDirectories(dir.resolve("parts"));
    int half = String.join("", DOCUMENTS.subList(0, 1500)).getBytes(StandardCharsets.UTF_8).length;
    Files.write(parts.resolve("a.txt"), Arrays.copyOfRange(text, 0, half));
    Files.write(parts.resolve("b.txt"), Arrays.copyOfRange(text, half, text.length));
    StringBuilder jsonl = new StringBuilder();
    for (String document : DOCUMENTS) jsonl.append("{\"text\": \"").append(document.replace("\n", "\\n")).append("\"}\n");
    Path json = Files.writeString(dir.resolve("corpus.jsonl"), jsonl);

    WordLevelTrainer trainer = WordLevelTrainer.builder().threads(2).build();
    TrainingResult expected = trainer.train(Corpus.of(plain.toString()));
    assertEquals(new CorpusStats(DOCUMENTS.size(), text.length, 0), expected.corpus());
    List<Corpus> forms = List.of(Corpus.of(gzip.toString()), Corpus.of(parts.toString()), Corpus.of("-").withStdin(new ByteArrayInputStream(text)), corpus());
    for (Corpus form : forms) {
      TrainingResult trained = trainer.train(form);
      assertEquals(vocabulary(expected.tokenizer()), vocabulary(trained.tokenizer()));
      assertEquals(expected.corpus(), trained.corpus());
    }
    TrainingResult fromJson = trainer.train(Corpus.of(json.toString()).withJsonlField("text"));
    assertEquals(vocabulary(expected.tokenizer()), vocabulary(fromJson.tokenizer()));
    assertEquals(DOCUMENTS.size(), fromJson.corpus().documents());
  }

  @Test
  void countsMadeInPartsTrainAsTheWholeCorpusDoes() throws Exception {
    for (WordCountTrainer<TrainingResult> trainer : List.of(
        WordPieceTrainer.builder().vocabSize(150).threads(2).build(), WordLevelTrainer.builder().vocabSize(12).threads(2).build())) {
      TrainingResult whole = trainer.train(corpus());

      // Two parts counted apart by a trainer that travelled as bytes; the second part sent on as
      // words and counts, then combined.
      WordCountTrainer<?> travelled = serializedAndBack(trainer);
      WordCounts first = new WordCounts();
      WordCounts second = new WordCounts();
      DocumentSink firstCounter = travelled.wordCounter(first);
      DocumentSink secondCounter = travelled.wordCounter(second);
      for (int i = DOCUMENTS.size() - 1; i >= 0; i--) (i % 3 == 0 ? firstCounter : secondCounter).accept(DOCUMENTS.get(i));
      WordCounts received = new WordCounts();
      second.forEach(received::add);
      received.addAll(first);
      TrainingResult parts = trainer.train(received, whole.corpus());

      assertEquals(vocabulary(whole.tokenizer()), vocabulary(parts.tokenizer()), trainer.getClass().getSimpleName());
      assertEquals(whole.distinctWords(), parts.distinctWords());
      assertEquals(0, received.size(), "training takes the counts");
    }
  }

  @Test
  void countsOfACorpusOnThreadsTrainAsTheCorpusDoes() throws Exception {
    for (WordCountTrainer<TrainingResult> trainer : List.of(
        WordPieceTrainer.builder().vocabSize(150).threads(1).build(), WordLevelTrainer.builder().vocabSize(12).threads(1).build())) {
      TrainingResult whole = trainer.train(corpus());
      WordCounts counts = new WordCounts();
      CorpusStats read = counts.count(corpus(), trainer::wordCounter, 3, ReadProgress.NONE);
      assertEquals(whole.corpus(), read);
      TrainingResult counted = trainer.train(counts, read);
      assertEquals(vocabulary(whole.tokenizer()), vocabulary(counted.tokenizer()), trainer.getClass().getSimpleName());
      assertEquals(whole.distinctWords(), counted.distinctWords());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T serializedAndBack(T object) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void settingsSurviveSerialization() throws Exception {
    WordPieceTrainer cased = WordPieceTrainer.builder().vocabSize(90).lowercase(false).limitAlphabet(30).threads(1).build();
    WordLevelTrainer nfkc = WordLevelTrainer.builder().vocabSize(9).minFrequency(2).normalization(List.of(Normalization.NFKC)).threads(1).build();
    assertEquals(vocabulary(cased.train(corpus()).tokenizer()), vocabulary(serializedAndBack(cased).train(corpus()).tokenizer()));
    assertEquals(vocabulary(nfkc.train(corpus()).tokenizer()), vocabulary(serializedAndBack(nfkc).train(corpus()).tokenizer()));
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().specialTokens(List.of("[CLS]", "[SEP]")).build(), "no unknown token");
    assertThrows(IllegalArgumentException.class, () -> WordLevelTrainer.builder().specialTokens(List.of("<unk>")).build(), "no unknown token");
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().threads(0).build());
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().initialAlphabet(List.of("ab")).build());
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().limitAlphabet(-1).build());
    assertThrows(IllegalArgumentException.class, () -> WordLevelTrainer.builder().vocabSize(0).build());
  }

  @Test
  void withoutClsAndSepThereIsNoPostProcessor() throws IOException {
    Tokenizer plain = WordPieceTrainer.builder().specialTokens(List.of("[UNK]")).vocabSize(80).build().train(corpus()).tokenizer();
    assertEquals(null, ((Pipeline) plain).postProcessor());
    Tokenizer bert = WordPieceTrainer.builder().vocabSize(80).build().train(corpus()).tokenizer();
    assertEquals(List.of("[CLS]", "the", "[SEP]"), bert.encode("The", true).tokens());
  }
}
