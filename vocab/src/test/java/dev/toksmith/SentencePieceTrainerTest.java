package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.SentencePieceTrainingResult;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SentencePiece trainers' API: the same model for any thread count and any way of splitting the
 * counting, deterministic sampling, and clear refusals. (Their agreement with SentencePiece itself is
 * checked in vocab's SentencePieceTrainerFixtureTest.)
 */
class SentencePieceTrainerTest {
  /** A few thousand lines of made-up words over a small syllable set, some of them repeated. */
  private static final List<String> LINES = lines();

  @Test
  void theModelIsTheSameForAnyThreadCount() throws IOException {
    for (SentencePieceTrainer.Builder type : List.of(SentencePieceTrainer.unigram(), SentencePieceTrainer.bpe())) {
      List<SentencePieceModel.Piece> one = pieces(type.vocabSize(300).threads(1).build().train(corpus()));
      List<SentencePieceModel.Piece> three = pieces(type.vocabSize(300).threads(3).build().train(corpus()));
      assertEquals(300, one.size());
      assertEquals(one, three);
    }
  }

  @Test
  void countsSplitAnyWayAddUpToTheSameModel() throws IOException {
    for (SentencePieceTrainer.Builder type : List.of(SentencePieceTrainer.unigram(), SentencePieceTrainer.bpe())) {
      SentencePieceTrainer trainer = type.vocabSize(300).threads(2).build();
      SentencePieceCounts first = trainer.newCounts();
      SentencePieceCounts second = trainer.newCounts();
      for (int i = 0; i < LINES.size(); i++) (i % 3 == 0 ? first : second).addSentence(LINES.get(i));
      first.addAll(second);
      // Moved through forEachWord and addWord, as between processes.
      SentencePieceCounts moved = trainer.newCounts();
      first.forEachWord(moved::addWord);
      moved.addSentences(first.sentences(), first.skippedSentences());
      List<SentencePieceModel.Piece> fromCorpus = pieces(trainer.train(corpus()));
      assertEquals(fromCorpus, pieces(trainer.train(first)));
      assertEquals(fromCorpus, pieces(trainer.train(moved)));
      assertEquals(trainer.count(corpus()).distinctWords(), first.distinctWords());
    }
  }

  @Test
  void bpeLearnsFromUnigramCountsNotTheOtherWayRound() throws IOException {
    SentencePieceTrainer unigram = SentencePieceTrainer.unigram().vocabSize(300).build();
    SentencePieceTrainer bpe = SentencePieceTrainer.bpe().vocabSize(300).build();
    SentencePieceCounts unigramCounts = unigram.count(corpus());
    SentencePieceCounts bpeCounts = bpe.count(corpus());
    // BPE counts words alone, each reported with the end; Unigram counts (word, next character).
    bpeCounts.forEachWord((word, next, count) -> assertEquals(SentencePieceCounts.END, next));
    SentencePieceCounts bpeLine = bpe.newCounts();
    SentencePieceCounts unigramLine = unigram.newCounts();
    bpeLine.addSentence("ab cd ab");
    unigramLine.addSentence("ab cd ab");
    assertEquals(2, bpeLine.distinctWords());
    assertEquals(3, unigramLine.distinctWords());
    assertEquals(pieces(bpe.train(bpeCounts)), pieces(bpe.train(unigramCounts)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unigram.train(bpe.count(corpus())));
    assertTrue(e.getMessage().contains("next characters"), e.getMessage());
  }

  @Test
  void samplingIsDeterministic() throws IOException {
    SentencePieceTrainer sampled = SentencePieceTrainer.bpe().vocabSize(200).inputSentenceSize(1000).threads(2).build();
    SentencePieceTrainingResult a = sampled.train(corpus());
    SentencePieceTrainingResult b = sampled.train(corpus());
    assertEquals(1000, a.sentences());
    assertEquals(pieces(a), pieces(b));
    assertNotEquals(pieces(a), pieces(SentencePieceTrainer.bpe().vocabSize(200).build().train(corpus())));
    SentencePieceTrainingResult first = SentencePieceTrainer.bpe().vocabSize(200).inputSentenceSize(1000).shuffleInputSentence(false).build().train(corpus());
    assertEquals(1000, first.sentences());
  }

  @Test
  void aCorpusCountedInPartsTrainsTheModelReadingItWhole() throws IOException {
    // Documents as the corpus reader gives them, with blank, too long and reserved lines among them, which are skipped.
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < LINES.size(); i++) {
      documents.add(LINES.get(i) + "\n");
      if (i % 97 == 0) documents.add("\n");
      if (i % 131 == 0) documents.add("x".repeat(5000) + "\n");
      if (i % 173 == 0) documents.add("a \u2585 b\n");
    }
    Corpus whole = Corpus.of("-").withStdin(new ByteArrayInputStream(String.join("", documents).getBytes(StandardCharsets.UTF_8)));
    for (SentencePieceTrainer trainer : List.of(SentencePieceTrainer.unigram().vocabSize(300).build(),
        SentencePieceTrainer.bpe().vocabSize(250).inputSentenceSize(900).build(),
        SentencePieceTrainer.unigram().vocabSize(300).inputSentenceSize(1200).shuffleInputSentence(false).build(),
        SentencePieceTrainer.bpe().vocabSize(250).inputSentenceSize(100_000).build())) {
      SentencePieceTrainingResult expected = trainer.train(whole);
      whole = Corpus.of("-").withStdin(new ByteArrayInputStream(String.join("", documents).getBytes(StandardCharsets.UTF_8)));
      // Three parts of unequal size, counted apart and added up in reverse order.
      int[] cuts = {0, 1000, 1017, documents.size()};
      long[] firstCandidates = new long[cuts.length];
      for (int p = 0; p + 1 < cuts.length; p++) {
        long candidates = documents.subList(cuts[p], cuts[p + 1]).stream().filter(trainer::isCandidate).count();
        firstCandidates[p + 1] = firstCandidates[p] + candidates;
      }
      long[] chosen = trainer.samples() ? trainer.sample(firstCandidates[cuts.length - 1]) : null;
      SentencePieceCounts total = trainer.newCounts();
      for (int p = cuts.length - 2; p >= 0; p--) {
        SentencePieceCounts part = trainer.newCounts();
        DocumentSink counter = chosen == null ? trainer.sentenceCounter(part) : trainer.sampleCounter(part, chosen, firstCandidates[p]);
        documents.subList(cuts[p], cuts[p + 1]).forEach(counter::accept);
        total.addAll(part);
      }
      SentencePieceTrainingResult parts = trainer.train(total, expected.corpus());
      assertEquals(pieces(expected), pieces(parts));
      assertEquals(expected.sentences(), parts.sentences());
      assertEquals(expected.skippedSentences(), parts.skippedSentences());
      assertTrue(parts.skippedSentences() > 40, "skipped: " + parts.skippedSentences());
    }
  }

  @Test
  void specialPiecesComeFirst() throws IOException {
    List<SentencePieceModel.Piece> pieces = pieces(SentencePieceTrainer.bpe().vocabSize(400).byteFallback(true).userDefinedSymbols(List.of("<sep>"))
        .build().train(corpus()));
    assertEquals(List.of("<unk>", "<s>", "</s>", "<sep>", "<0x00>"), pieces.subList(0, 5).stream().map(SentencePieceModel.Piece::text).toList());
    assertEquals(SentencePieceModel.Type.USER_DEFINED, pieces.get(3).type());
    assertEquals(SentencePieceModel.Type.BYTE, pieces.get(4 + 255).type());
    assertEquals(SentencePieceModel.Type.NORMAL, pieces.get(4 + 256).type());
  }

  @Test
  void refusesWhatCannotBeTrained() {
    assertThrows(IllegalArgumentException.class, () -> SentencePieceTrainer.unigram().characterCoverage(0.5).build());
    assertThrows(IllegalArgumentException.class, () -> SentencePieceTrainer.unigram().normalization("nfc").build());
    assertThrows(IllegalArgumentException.class, () -> SentencePieceTrainer.bpe().userDefinedSymbols(List.of("<unk>")).build());
    assertThrows(IllegalArgumentException.class, () -> SentencePieceTrainer.bpe().vocabSize(259).byteFallback(true).build());
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> SentencePieceTrainer.unigram().vocabSize(10).build().train(corpus()));
    assertTrue(small.getMessage().startsWith("vocabulary size 10 is smaller than the"), small.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> SentencePieceTrainer.bpe().build().train(Corpus.of("-").withStdin(new ByteArrayInputStream(new byte[0]))));
    assertTrue(empty.getMessage().startsWith("no text to train on"), empty.getMessage());
    SentencePieceTrainer other = SentencePieceTrainer.bpe().normalization("identity").build();
    assertThrows(IllegalArgumentException.class, () -> other.newCounts().addAll(SentencePieceTrainer.bpe().build().newCounts()));
  }

  private static List<SentencePieceModel.Piece> pieces(SentencePieceTrainingResult result) {
    return ((SentencePieceModel) ((Pipeline) result.tokenizer()).model()).pieces();
  }

  private static Corpus corpus() {
    String text = String.join("\n", LINES) + "\n";
    return Corpus.of("-").withStdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> lines() {
    String[] syllables = {"ka", "ri", "to", "ne", "su", "ma", "lo", "vi", "de", "pa", "qu", "ho", "ze", "bu", "ly", "ch"};
    SplittableRandom random = new SplittableRandom(3);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder w = new StringBuilder();
      for (int k = 1 + random.nextInt(4); k > 0; k--) w.append(syllables[random.nextInt(syllables.length)]);
      words.add(w.toString());
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      StringBuilder line = new StringBuilder();
      for (int k = 2 + random.nextInt(10); k > 0; k--) {
        // Zipf-like: low indices far more often.
        int index = (int) (words.size() * Math.pow(random.nextDouble(), 3));
        line.append(k % 5 == 0 ? ", " : " ").append(words.get(index));
      }
      lines.add(line.toString().trim() + (i % 7 == 0 ? " 1984." : "."));
    }
    return lines;
  }
}
