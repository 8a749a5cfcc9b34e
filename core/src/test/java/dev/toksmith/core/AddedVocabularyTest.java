package dev.toksmith.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.normalizers.Lowercase;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.unicode.NormalizedString;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases of Hugging Face's own tests in {@code tokenizers/src/tokenizer/added_vocabulary.rs}, with
 * their expected splits (normalized text and token id, or -1 for text left to the model).
 */
class AddedVocabularyTest {
  private static final BpeModel EMPTY_MODEL = new BpeModel(new Object2IntOpenHashMap<>(), List.of(), BpeOptions.BYTE_LEVEL);

  record Part(String text, int id) {}

  /** Hugging Face's {@code extract_and_normalize}: raw pass, normalization, normalized pass. */
  private static List<Part> extract(AddedVocabulary vocab, Normalizer normalizer, String text) {
    List<Part> parts = new ArrayList<>();
    vocab.splitRaw(text, (start, end, id) -> {
      if (id >= 0) {
        parts.add(new Part(text.substring(start, end), id));
        return;
      }
      NormalizedString segment = new NormalizedString(text.substring(start, end), start);
      if (normalizer != null) normalizer.normalize(segment);
      String normalized = segment.get();
      vocab.splitNormalized(normalized, (s, e, tid) -> parts.add(new Part(normalized.substring(s, e), tid)));
    });
    return parts;
  }

  private static AddedToken token(String content, boolean special) {
    return new AddedToken(content, false, false, false, !special, special);
  }

  @Test
  void extractsNormalAndSpecialTokens() {
    AddedVocabulary vocab = new AddedVocabulary(List.of(token("my", false), token("name", false), token("[CLS]", true), token("[SEP]", true)), EMPTY_MODEL, null);
    assertEquals(
        List.of(new Part("[CLS]", 2), new Part(" My ", -1), new Part("name", 1), new Part(" is Anthony ", -1), new Part("[SEP]", 3)),
        extract(vocab, null, "[CLS] My name is Anthony [SEP]"));
  }

  @Test
  void honoursLstripRstripSingleWordAndNormalized() {
    AddedVocabulary vocab = new AddedVocabulary(
        List.of(new AddedToken("my", false, true, true, true, false), token("name", false), new AddedToken("ony", true, false, false, true, false), token("[CLS]", true), token("[SEP]", true)),
        EMPTY_MODEL,
        Lowercase.INSTANCE);
    assertEquals(
        List.of(new Part("[CLS]", 3), new Part(" my ", 0), new Part("name", 1), new Part(" is anthony ", -1), new Part("[SEP]", 4)),
        extract(vocab, Lowercase.INSTANCE, "[CLS] My name is Anthony [SEP]"));
  }

  @Test
  void singleWordNeedsNonWordNeighbours() {
    AddedVocabulary vocab = new AddedVocabulary(List.of(new AddedToken("<mask>", true, false, false, true, false)), EMPTY_MODEL, Lowercase.INSTANCE);
    assertEquals(
        List.of(new Part("<mask>", 0), new Part(" my name ", -1), new Part("<mask>", 0), new Part(" a<mask> <mask>ony ", -1), new Part("<mask>", 0)),
        extract(vocab, Lowercase.INSTANCE, "<mask> My name <mask> A<mask> <mask>ony <mask>"));
    // Punctuation is not a word character; a combining mark is.
    assertEquals(
        List.of(new Part("<mask>", 0), new Part(", ", -1), new Part("<mask>", 0), new Part("- ◌̰<mask>", -1)),
        extract(vocab, Lowercase.INSTANCE, "<mask>, <mask>- ◌̰<mask>"));
  }

  @Test
  void stripsUnicodeWhitespace() {
    AddedVocabulary vocab = new AddedVocabulary(List.of(new AddedToken("<mask>", true, true, true, true, false)), EMPTY_MODEL, Lowercase.INSTANCE);
    assertEquals(
        List.of(new Part("hi", -1), new Part(" <mask> ", 0), new Part("there", -1), new Part("\t<mask>\t", 0), new Part("<mask>\u2000", 0)),
        extract(vocab, Lowercase.INSTANCE, "Hi <mask> there\t<mask>\t<mask>\u2000"));
  }

  @Test
  void idsFollowTheModelAndTheTokensBefore() {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    vocab.put("test", 0);
    vocab.put("tost", 1);
    BpeModel model = new BpeModel(vocab, List.of(), BpeOptions.BYTE_LEVEL);
    // As in Hugging Face's can_add_special_tokens: a token the model has keeps its id, new ones follow.
    AddedVocabulary added = new AddedVocabulary(List.of(token("added_token_1", true), token("added_token_2", true), token("test", true), token("tost", true), token("another_two", false)), model, null);
    assertEquals(2, added.idOf("added_token_1"));
    assertEquals(3, added.idOf("added_token_2"));
    assertEquals(0, added.idOf("test"));
    assertEquals(1, added.idOf("tost"));
    assertEquals(4, added.idOf("another_two"));
  }

  @Test
  void longestMatchWinsAtTheSamePosition() {
    AddedVocabulary vocab = new AddedVocabulary(List.of(token("<a>", true), token("<a><b>", true)), EMPTY_MODEL, null);
    assertEquals(List.of(new Part("x", -1), new Part("<a><b>", 1), new Part("<a>", 0)), extract(vocab, null, "x<a><b><a>"));
  }
}
