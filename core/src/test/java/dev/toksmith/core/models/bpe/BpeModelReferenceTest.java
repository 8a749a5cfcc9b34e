package dev.toksmith.core.models.bpe;

import static dev.toksmith.core.models.ReferenceModels.assertBothFail;
import static dev.toksmith.core.models.ReferenceModels.assertSameAsReference;
import static dev.toksmith.core.models.ReferenceModels.quote;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BPE on text against Hugging Face's, for the options SentencePiece-style and WordPiece-style files
 * use: unknown tokens (fused or not, missing from the vocabulary), byte fallback and the offsets of its
 * byte tokens, continuing-subword prefix, end-of-word suffix, ignore_merges.
 */
class BpeModelReferenceTest {
  /** A model and its tokenizer.json form; tokens get ids in the order given, merges are "left right". */
  private record Case(BpeModel model, String json) {
    static Case of(BpeOptions options, List<String> tokens, List<String> merges) {
      Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
      StringBuilder vocabJson = new StringBuilder();
      for (String t : tokens) {
        vocabJson.append(vocab.isEmpty() ? "" : ",").append(quote(t)).append(":").append(vocab.size());
        vocab.put(t, vocab.size());
      }
      String prefix = options.continuingSubwordPrefix() == null ? "" : options.continuingSubwordPrefix();
      List<BpeModel.Merge> list = new ArrayList<>();
      StringBuilder mergesJson = new StringBuilder();
      for (String m : merges) {
        String[] lr = m.split(" ");
        // Hugging Face's rule: the merged token drops the prefix of the right part.
        list.add(new BpeModel.Merge(vocab.getInt(lr[0]), vocab.getInt(lr[1]), vocab.getInt(lr[0] + lr[1].substring(prefix.length()))));
        mergesJson.append(mergesJson.length() == 0 ? "" : ",").append("[").append(quote(lr[0])).append(",").append(quote(lr[1])).append("]");
      }
      String json = "{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":" + nullable(options.unkToken())
          + ",\"continuing_subword_prefix\":" + nullable(options.continuingSubwordPrefix())
          + ",\"end_of_word_suffix\":" + nullable(options.endOfWordSuffix())
          + ",\"fuse_unk\":" + options.fuseUnk() + ",\"byte_fallback\":" + options.byteFallback() + ",\"ignore_merges\":" + options.ignoreMerges()
          + ",\"vocab\":{" + vocabJson + "},\"merges\":[" + mergesJson + "]}";
      return new Case(new BpeModel(vocab, list, options), json);
    }

    private static String nullable(String s) {
      return s == null ? "null" : quote(s);
    }

    void compare(List<String> texts) {
      assertSameAsReference(model, json, texts);
    }
  }

  private static final List<String> BYTE_TOKENS = List.of("<0xE2>", "<0x82>", "<0xAC>", "<0xF0>", "<0x9F>", "<0x98>", "<0x80>", "<0xC3>", "<0xE2><0x82>");
  private static final List<String> TEXTS = List.of(
      "", "a", "ab", "abab", "x", "xy", "x€a", "€", "xy€z€ab😀", "a😀😀b", "é€", "é", "ab😀xy", "𠀀", "a𠀀b", "€€€", "<unk>", "<0xE2>", "ab" + "€x".repeat(40));

  private static Case sentencePieceStyle(boolean fuseUnk, boolean byteFallback) {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "a", "b", "ab"));
    tokens.addAll(BYTE_TOKENS);
    return Case.of(new BpeOptions("<unk>", null, null, fuseUnk, byteFallback, false), tokens, List.of("a b", "<0xE2> <0x82>"));
  }

  @Test
  void byteFallbackTokensCoverTheirCharacterAndUnknownTokensLandAfterThem() {
    for (boolean fuse : new boolean[] {true, false}) {
      for (boolean fallback : new boolean[] {true, false}) sentencePieceStyle(fuse, fallback).compare(TEXTS);
    }
  }

  @Test
  void withoutAnUnknownTokenUnknownCharactersAreDropped() {
    List<String> tokens = new ArrayList<>(List.of("a", "b", "ab"));
    tokens.addAll(BYTE_TOKENS);
    Case.of(new BpeOptions(null, null, null, true, true, false), tokens, List.of("a b")).compare(TEXTS);
    Case.of(new BpeOptions(null, null, null, false, false, false), tokens, List.of("a b")).compare(TEXTS);
  }

  @Test
  void anUnknownTokenMissingFromTheVocabularyFailsOnlyWhenNeeded() {
    Case c = Case.of(new BpeOptions("<unk>", null, null, true, false, false), List.of("a", "b", "ab"), List.of("a b"));
    c.compare(List.of("ab", "abba"));
    assertBothFail(c.model(), c.json(), "abc");
  }

  @Test
  void continuingSubwordPrefix() {
    Case c = Case.of(new BpeOptions("<unk>", "##", null, false, false, false), List.of("<unk>", "a", "##b", "ab", "##c", "abc", "c", "##a", "##ab"), List.of("a ##b", "ab ##c", "##a ##b"));
    c.compare(List.of("ab", "abc", "abcd", "cab", "aab", "ba", "c", "a"));
  }

  @Test
  void endOfWordSuffixWithAndWithoutAnEmptyPrefix() {
    List<String> tokens = List.of("<unk>", "a", "b", "ab", "a</w>", "b</w>", "ab</w>", "aab</w>");
    List<String> merges = List.of("a b</w>", "a b", "a ab</w>");
    for (String prefix : new String[] {null, ""}) {
      Case.of(new BpeOptions("<unk>", prefix, "</w>", false, false, false), tokens, merges).compare(List.of("ab", "aab", "ba", "a", "b", "abab", "c", "ac"));
    }
  }

  @Test
  void byteFallbackWithPrefixAndSuffixWhereTheirBytesStayInsideThePiece() {
    // The byte tokens spell the prefix and suffix too; only a first character (no prefix) of a longer
    // piece (no suffix) keeps Hugging Face's offsets inside the piece.
    List<String> tokens = new ArrayList<>(List.of("<unk>", "a", "##b", "##b</w>", "a</w>"));
    tokens.addAll(BYTE_TOKENS);
    tokens.add("<0xA9>");
    Case.of(new BpeOptions("<unk>", "##", "</w>", false, true, false), tokens, List.of()).compare(List.of("éb", "€b", "éab", "a"));
  }

  @Test
  void ignoreMergesTakesAWholePieceFromTheVocabulary() {
    List<String> tokens = List.of("<unk>", "a", "b", "c", "ab", "bc", "abc", "abcabc");
    for (boolean ignore : new boolean[] {true, false}) {
      Case.of(new BpeOptions("<unk>", null, null, false, false, ignore), tokens, List.of("b c", "a b")).compare(List.of("abc", "abcabc", "abcab", "cab", "d"));
    }
  }
}
