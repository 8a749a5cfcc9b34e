package dev.toksmith.core.models.unigram;

import static dev.toksmith.core.models.ReferenceModels.assertBothFail;
import static dev.toksmith.core.models.ReferenceModels.assertSameAsReference;
import static dev.toksmith.core.models.ReferenceModels.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.core.models.ReferenceModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unigram against Hugging Face's on hand-made vocabularies that reach every branch of its Viterbi. */
class UnigramModelTest {
  /** Scores are short decimals, which Hugging Face reads exactly. */
  private static List<UnigramModel.Piece> pieces(Object... tokenAndScore) {
    List<UnigramModel.Piece> pieces = new ArrayList<>();
    for (int i = 0; i < tokenAndScore.length; i += 2) pieces.add(new UnigramModel.Piece((String) tokenAndScore[i], ((Number) tokenAndScore[i + 1]).doubleValue()));
    return pieces;
  }

  private static String json(List<UnigramModel.Piece> pieces, int unkId, boolean byteFallback) {
    StringBuilder vocab = new StringBuilder();
    for (UnigramModel.Piece p : pieces) vocab.append(vocab.length() == 0 ? "" : ",").append("[").append(quote(p.token())).append(",").append(p.score()).append("]");
    return "{\"type\":\"Unigram\",\"unk_id\":" + (unkId < 0 ? "null" : unkId) + ",\"vocab\":[" + vocab + "],\"byte_fallback\":" + byteFallback + "}";
  }

  private static void compare(List<UnigramModel.Piece> pieces, int unkId, boolean byteFallback, List<String> texts) {
    assertSameAsReference(new UnigramModel(pieces, unkId, byteFallback), json(pieces, unkId, byteFallback), texts);
  }

  private static final List<UnigramModel.Piece> MIXED = pieces(
      "<unk>", 0, "a", -1, "b", -2, "c", -2.5, "ab", -2.9, "bc", -3, "abc", -6, "d", -1, "dd", -2,
      // "ef" ties with "e" + "f": the piece found first stays.
      "e", -1, "f", -1, "ef", -2,
      "\u2581", -1.5, "\u2581a", -2, "é", -3, "😀", -4, "x", -50, "<s>", 0,
      // Unknown 'z' then "y" (-65 + 10.2) beats "zy" (-55) by the width of the unknown penalty.
      "zy", -55, "y", 10.2,
      // A piece listed twice answers its later id and score.
      "a", -0.5, "", -0.1);

  private static final List<String> EDGE_TEXTS = List.of(
      "", "a", "abc", "abcd", "abcabcab", "ef", "eff", "zz", "azzb", "zé", "é", "😀", "😀🙂", "🙂😀🙂", "<unk>", "<unk>z", "z<unk>",
      "<s>a", "ddd", "x", "xxx", "zy", "zyzy", "\u2581a\u2581b", "a".repeat(300), "\u0000\t\n", "𠀀a𠀀𠀀", "e\u0301", "ab c");

  @Test
  void unknownCharactersFuseAndKeepTheirText() {
    compare(MIXED, 0, false, EDGE_TEXTS);
  }

  @Test
  void unknownPieceNeedNotComeFirst() {
    List<UnigramModel.Piece> pieces = new ArrayList<>(MIXED.subList(1, MIXED.size()));
    pieces.add(5, MIXED.get(0));
    compare(pieces, 5, false, EDGE_TEXTS);
  }

  @Test
  void byteFallbackSpellsUnknownRunsWhenEveryByteHasAPiece() {
    List<UnigramModel.Piece> pieces = new ArrayList<>(MIXED);
    // 'z', the bytes of 🙂 and of 😀, the first byte of 𠀀 and of é but not the others.
    for (String b : List.of("7A", "F0", "9F", "99", "82", "98", "80", "A0", "C3")) pieces.add(new UnigramModel.Piece("<0x" + b + ">", -0.5));
    compare(pieces, 0, true, EDGE_TEXTS);
    List<String> withFallbackPieces = new ArrayList<>(EDGE_TEXTS);
    withFallbackPieces.addAll(List.of("<0x7A>", "q<0x7A>", "<0x7A>z"));
    compare(pieces, 0, true, withFallbackPieces);
  }

  @Test
  void withoutAnUnknownPieceOnlyAWinningUnknownFails() {
    List<UnigramModel.Piece> pieces = pieces("x", -1, "xa", -1, "b", -1, "ab", -5);
    UnigramModel model = new UnigramModel(pieces, -1, false);
    // 'a' has no piece of its own, but "xa" already reaches past it with a better score.
    compare(pieces, -1, false, List.of("xab", "xa", "b", "", "bx"));
    assertBothFail(model, json(pieces, -1, false), "ab");
    assertBothFail(model, json(pieces, -1, false), "bq");
  }

  @Test
  void emptyVocabularyAndBadUnknownIdAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new UnigramModel(List.of(), 0, false));
    assertThrows(IllegalArgumentException.class, () -> new UnigramModel(pieces("a", -1), 1, false));
    assertEquals(List.of(), ReferenceModels.tokens(new UnigramModel(List.of(), -1, false), ""));
  }
}
