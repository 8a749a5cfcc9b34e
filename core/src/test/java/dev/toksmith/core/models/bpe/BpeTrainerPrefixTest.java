package dev.toksmith.core.models.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The continuing-subword prefix and the alphabet limit, as Hugging Face's {@code BpeTrainer} (and so
 * its {@code WordPieceTrainer}) applies them; expected vocabularies worked out by hand from its
 * {@code trainer.rs}.
 */
class BpeTrainerPrefixTest {
  private static Map<String, Integer> train(BpeTrainer trainer, Object... wordsAndCounts) {
    BpeTrainer.Words words = new BpeTrainer.Words();
    for (int i = 0; i < wordsAndCounts.length; i += 2) {
      int[] cps = ((String) wordsAndCounts[i]).codePoints().toArray();
      words.add(cps, cps.length, ((Integer) wordsAndCounts[i + 1]).longValue());
    }
    Object2IntOpenHashMap<String> vocab = trainer.train(words, (done, total) -> {}).vocab();
    Map<String, Integer> byId = new LinkedHashMap<>();
    vocab.object2IntEntrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> byId.put(e.getKey(), e.getIntValue()));
    return byId;
  }

  private static BpeTrainer wordPiece(int vocabSize, List<String> specials) {
    return new BpeTrainer(vocabSize, 0, specials, List.of()).withContinuingSubwordPrefix("##");
  }

  private static Map<String, Integer> ids(String... tokens) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (String t : tokens) ids.put(t, ids.size());
    return ids;
  }

  @Test
  void everyCharacterAfterTheFirstIsPrefixedAndAMergeDropsTheRightPartsPrefix() {
    // [a ##b] twice: the pair (a, ##b) makes "ab", not "a##b". A word of one character has no pair.
    assertEquals(ids("a", "b", "##b", "ab"), train(wordPiece(100, List.of()), "ab", 2, "b", 1));
  }

  @Test
  void twoContinuingPiecesMakeAContinuingPiece() {
    // (##b, ##c) occurs in all three words, each first pair once: "##bc" keeps the left prefix.
    assertEquals(ids("a", "b", "c", "d", "e", "##b", "##c", "##bc"), train(wordPiece(8, List.of()), "abc", 1, "dbc", 1, "ebc", 1));
  }

  @Test
  void continuingPiecesAreOrderedByTheNumberOfWordsTheyContinue() {
    // z continues two words, y one: ##z gets the smaller id although y comes before z.
    assertEquals(ids("a", "b", "y", "z", "##z", "##y"), train(wordPiece(6, List.of()), "az", 1, "bz", 1, "ay", 1));
  }

  @Test
  void equallyFrequentPairsGoByIdsWithThePrefixedPiecesAfterTheAlphabet() {
    // Both pairs count 2; (a, ##b) = (0, 3) comes before (##b, ##c) = (3, 4).
    assertEquals(ids("a", "b", "c", "##b", "##c", "ab", "abc"), train(wordPiece(100, List.of()), "abc", 2));
  }

  @Test
  void theAlphabetLimitKeepsTheMostFrequentCharactersAndDropsTheOthersFromTheWords() {
    // Counts: a 3, b 2, c 2, x 1. A limit of 2 keeps a and b (b over c: equal counts keep the
    // smaller code point). "xab" loses x, so its a is not first and takes the prefix: [##a ##b];
    // "cca" keeps [##a] alone. The pairs (a, ##b) and (##a, ##b) count 1 each: ids decide.
    BpeTrainer trainer = wordPiece(100, List.of()).withLimitAlphabet(2);
    assertEquals(ids("a", "b", "##a", "##b", "ab", "##ab"), train(trainer, "xab", 1, "ab", 1, "cca", 1));
  }

  @Test
  void aSingleCharacterSpecialTokenStaysUsableWhenTheLimitDropsIt() {
    // x and a both count 5; the limit of 1 keeps a. The special token "x" still spells the x.
    BpeTrainer trainer = wordPiece(100, List.of("x")).withLimitAlphabet(1);
    assertEquals(ids("x", "a", "##a", "xa"), train(trainer, "xa", 5));
  }

  @Test
  void theInitialAlphabetCountsAsMoreFrequentThanAnySeenCharacter() {
    BpeTrainer trainer = new BpeTrainer(100, 0, List.of(), List.of("q")).withLimitAlphabet(1);
    assertEquals(ids("q"), train(trainer, "aa", 9));
  }

  @Test
  void withoutAPrefixTheLimitStillDropsCharacters() {
    BpeTrainer trainer = new BpeTrainer(100, 0, List.of(), List.of()).withLimitAlphabet(2);
    // Counts: a 3, b 3, c 1; "acb" becomes "ab".
    assertEquals(ids("a", "b", "ab"), train(trainer, "acb", 1, "ab", 2));
  }
}
