package dev.toksmith.core.models.wordpiece;

import static dev.toksmith.core.models.ReferenceModels.assertBothFail;
import static dev.toksmith.core.models.ReferenceModels.assertSameAsReference;
import static dev.toksmith.core.models.ReferenceModels.quote;

import it.unimi.dsi.fastutil.objects.Object2IntLinkedOpenHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WordPiece against Hugging Face's on a hand-made vocabulary. */
class WordPieceModelTest {
  private static Object2IntLinkedOpenHashMap<String> vocab(String... tokens) {
    Object2IntLinkedOpenHashMap<String> vocab = new Object2IntLinkedOpenHashMap<>();
    for (String t : tokens) vocab.put(t, vocab.size());
    return vocab;
  }

  private static String json(Object2IntLinkedOpenHashMap<String> vocab, String unk, String prefix, int max) {
    StringBuilder ids = new StringBuilder();
    vocab.forEach((t, id) -> ids.append(ids.length() == 0 ? "" : ",").append(quote(t)).append(":").append(id));
    return "{\"type\":\"WordPiece\",\"unk_token\":" + quote(unk) + ",\"continuing_subword_prefix\":" + quote(prefix)
        + ",\"max_input_chars_per_word\":" + max + ",\"vocab\":{" + ids + "}}";
  }

  private static final Object2IntLinkedOpenHashMap<String> VOCAB = vocab(
      "[UNK]", "a", "##b", "😀", "##😀", "un", "##aff", "##able", "##a", "able", "##ff", "affable", "𠀀", "##𠀀", "é", "##\u0301", "e");

  private static final List<String> TEXTS = List.of(
      "a", "ab", "abb", "abbb", "unaffable", "affable", "unable", "un", "##b", "b", "ac", "😀😀😀", "😀😀😀😀", "𠀀𠀀", "e\u0301", "é\u0301",
      "[UNK]", "a".repeat(12), "aaaaaaaaab");

  @Test
  void greedyLongestMatchFirstAndUnknownWords() {
    for (int max : new int[] {3, 5, 11, 100}) {
      assertSameAsReference(new WordPieceModel(VOCAB, "[UNK]", "##", max), json(VOCAB, "[UNK]", "##", max), TEXTS);
    }
  }

  @Test
  void anyPrefixIncludingNone() {
    Object2IntLinkedOpenHashMap<String> vocab = vocab("<unk>", "a", "b", "ab", "@@b", "@@a", "c");
    for (String prefix : new String[] {"", "@@", "##"}) {
      assertSameAsReference(new WordPieceModel(vocab, "<unk>", prefix, 100), json(vocab, "<unk>", prefix, 100), List.of("ab", "abab", "ba", "cab", "abc", "d", "@@b"));
    }
  }

  @Test
  void missingUnknownTokenFailsOnlyWhenNeeded() {
    Object2IntLinkedOpenHashMap<String> vocab = vocab("a", "##b");
    WordPieceModel model = new WordPieceModel(vocab, "[UNK]", "##", 3);
    assertSameAsReference(model, json(vocab, "[UNK]", "##", 3), List.of("ab", "abb"));
    assertBothFail(model, json(vocab, "[UNK]", "##", 3), "ac");
    assertBothFail(model, json(vocab, "[UNK]", "##", 3), "abbb");
  }
}
