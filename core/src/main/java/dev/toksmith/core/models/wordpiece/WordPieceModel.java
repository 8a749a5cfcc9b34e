package dev.toksmith.core.models.wordpiece;

import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.VocabularyModel;
import it.unimi.dsi.fastutil.objects.Object2IntMap;

/**
 * WordPiece, as Hugging Face's {@code WordPiece} model: greedy longest-match-first from the start of
 * the piece, every match after the first spelled with the continuing-subword prefix. If some part
 * has no match, or the piece has more than {@code maxInputCharsPerWord} characters (code points),
 * the whole piece becomes the unknown token.
 */
public final class WordPieceModel implements VocabularyModel {
  private final Vocabulary vocab;
  private final String unkToken;
  private final String continuingSubwordPrefix;
  private final int maxInputCharsPerWord;
  /** The longest token in UTF-16 units: longer candidates cannot match, so they are not looked up. */
  private final int longestToken;

  /**
   * Builds a model. An unknown token missing from the vocabulary is an error only when a piece needs
   * it, as in Hugging Face.
   *
   * @throws IllegalArgumentException if an id or the limit is negative
   */
  public WordPieceModel(Object2IntMap<String> vocab, String unkToken, String continuingSubwordPrefix, int maxInputCharsPerWord) {
    this(new Vocabulary(vocab), unkToken, continuingSubwordPrefix, maxInputCharsPerWord);
  }

  /** Builds a model on a vocabulary; see {@link #WordPieceModel(Object2IntMap, String, String, int)}. */
  public WordPieceModel(Vocabulary vocab, String unkToken, String continuingSubwordPrefix, int maxInputCharsPerWord) {
    if (maxInputCharsPerWord < 0) throw new IllegalArgumentException("max_input_chars_per_word is negative: " + maxInputCharsPerWord);
    this.vocab = vocab;
    this.unkToken = unkToken;
    this.continuingSubwordPrefix = continuingSubwordPrefix;
    this.maxInputCharsPerWord = maxInputCharsPerWord;
    this.longestToken = vocab.longestToken();
  }

  /** The token of a piece that cannot be matched. */
  public String unkToken() {
    return unkToken;
  }

  /** The prefix of every match after the first in a piece. */
  public String continuingSubwordPrefix() {
    return continuingSubwordPrefix;
  }

  /** Pieces with more code points than this are unknown. */
  public int maxInputCharsPerWord() {
    return maxInputCharsPerWord;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocab;
  }

  @Override
  public void tokenize(String piece, TokenSink out) {
    if (piece.codePointCount(0, piece.length()) > maxInputCharsPerWord) {
      out.token(vocab.unknownTokenId(unkToken), 0, piece.length());
      return;
    }
    // Matches are collected first: one part without a match turns the whole piece unknown.
    int[] found = new int[piece.length() * 2];
    int count = 0;
    for (int start = 0; start < piece.length(); ) {
      String prefix = start > 0 ? continuingSubwordPrefix : "";
      int end = Math.min(piece.length(), start + longestToken - prefix.length());
      if (end < piece.length() && end > start && Character.isLowSurrogate(piece.charAt(end)) && Character.isHighSurrogate(piece.charAt(end - 1))) end--;
      int id = -1;
      while (end > start) {
        id = vocab.id(prefix + piece.substring(start, end));
        if (id >= 0) break;
        end -= Character.charCount(piece.codePointBefore(end));
      }
      if (id < 0) {
        out.token(vocab.unknownTokenId(unkToken), 0, piece.length());
        return;
      }
      found[count++] = id;
      found[count++] = end;
      start = end;
    }
    for (int i = 0, start = 0; i < count; start = found[i + 1], i += 2) out.token(found[i], start, found[i + 1]);
  }
}
