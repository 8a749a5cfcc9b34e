package dev.toksmith.core.models.wordpiece;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.models.CharTrie;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.VocabularyModel;
import it.unimi.dsi.fastutil.objects.Object2IntMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WordPiece, as Hugging Face's {@code WordPiece} model: greedy longest-match-first from the start of
 * the piece, every match after the first spelled with the continuing-subword prefix. If some part
 * has no match, or the piece has more than {@code maxInputCharsPerWord} characters (code points),
 * the whole piece becomes the unknown token.
 */
public final class WordPieceModel implements VocabularyModel {
  /** The tokenizer.json type. */
  public static final String TYPE = "WordPiece";

  private final Vocabulary vocab;
  private final String unkToken;
  private final String continuingSubwordPrefix;
  private final int maxInputCharsPerWord;
  /** The vocabulary as a trie and the node the prefix leads to, made on first use. */
  private volatile Matcher matcher;

  private record Matcher(CharTrie trie, int continuingNode) {}

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
    char[] word = piece.toCharArray();
    int[] found = new int[2 * word.length];
    int count = match(word, 0, word.length, found);
    if (count < 0) {
      out.token(unknownId(), 0, piece.length());
      return;
    }
    for (int i = 0, start = 0; i < count; start = found[2 * i + 1], i++) out.token(found[2 * i], start, found[2 * i + 1]);
  }

  /**
   * Greedy longest-match-first on {@code word[from, to)}, along a trie of the vocabulary: at each place
   * the longest token (a continuing one after the first, without its prefix), ending between characters.
   * Fills {@code found} with (id, end) pairs and returns how many; -1 when the word is the unknown token,
   * because some place has no token or it has more than {@code max_input_chars_per_word} characters.
   * {@code found} has room for {@code 2 * (to - from)} ints.
   */
  public int match(char[] word, int from, int to, int[] found) {
    if (Character.codePointCount(word, from, to - from) > maxInputCharsPerWord) return -1;
    Matcher m = matcher();
    int count = 0;
    for (int start = from; start < to; ) {
      int node = start == from ? CharTrie.ROOT : m.continuingNode();
      int best = -1;
      int bestEnd = start;
      for (int i = start; i < to && node >= 0; i++) {
        long step = m.trie().step(node, word[i]);
        if (step == CharTrie.NONE) break;
        node = CharTrie.child(step);
        int id = CharTrie.id(step);
        boolean insidePair = i + 1 < to && Character.isHighSurrogate(word[i]) && Character.isLowSurrogate(word[i + 1]);
        if (id >= 0 && !insidePair) {
          best = id;
          bestEnd = i + 1;
        }
      }
      if (best < 0) return -1;
      found[2 * count] = best;
      found[2 * count + 1] = bestEnd - from;
      count++;
      start = bestEnd;
    }
    return count;
  }

  /**
   * The id of the unknown token.
   *
   * @throws IllegalStateException if the vocabulary lacks it: Hugging Face fails such an encoding
   */
  public int unknownId() {
    return vocab.unknownTokenId(unkToken);
  }

  private Matcher matcher() {
    Matcher m = matcher;
    if (m == null) {
      CharTrie trie = new CharTrie(vocab.size() * 4);
      vocab.forEach(trie::add);
      matcher = m = new Matcher(trie, trie.walk(CharTrie.ROOT, continuingSubwordPrefix));
    }
    return m;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    if (unkToken() != null) p.put("unk_token", unkToken());
    if (continuingSubwordPrefix() != null) p.put("continuing_subword_prefix", continuingSubwordPrefix());
    p.put("max_input_chars_per_word", maxInputCharsPerWord());
    return new Stage(TYPE, p, List.of());
  }
}
