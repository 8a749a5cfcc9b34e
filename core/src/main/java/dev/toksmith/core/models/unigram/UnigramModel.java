package dev.toksmith.core.models.unigram;

import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.TokenSink;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The Unigram language model, as Hugging Face's {@code Unigram} with its {@code encode_optimized}:
 * the piece is split into the vocabulary pieces whose scores sum highest (Viterbi over every piece
 * that matches at each character). A character no single-character piece covers may become the
 * unknown token at the unknown score, the lowest score minus 10; consecutive unknown tokens fuse into
 * one, which the byte fallback may spell as {@code <0xNN>} tokens. Deterministic: no sampling.
 */
public final class UnigramModel implements Model {
  /** Hugging Face's {@code K_UNK_PENALTY}. */
  private static final double UNKNOWN_PENALTY = 10.0;

  /** One vocabulary entry: a piece and its score (a log probability). */
  public record Piece(String token, double score) {}

  private final List<Piece> vocab;
  private final double[] scores;
  private final Object2IntOpenHashMap<String> ids;
  private final int unkId;
  private final boolean byteFallback;
  private final double unknownScore;
  private final PieceTrie trie;
  /** Ids of the {@code <0xNN>} pieces, -1 where missing. */
  private final int[] byteIds = new int[256];

  /**
   * Builds a model; ids are positions in {@code vocab}. A piece listed twice answers the later id,
   * as in Hugging Face.
   *
   * @param unkId id of the unknown piece, or -1 for none (a character no piece covers is then an error)
   * @throws IllegalArgumentException if {@code unkId} is not an id of the vocabulary
   */
  public UnigramModel(List<Piece> vocab, int unkId, boolean byteFallback) {
    if (unkId >= 0 && vocab.isEmpty()) throw new IllegalArgumentException("the vocabulary is empty but at least the unknown piece is needed");
    if (unkId >= vocab.size()) throw new IllegalArgumentException("unk_id " + unkId + " is not an id of the vocabulary (size " + vocab.size() + ")");
    this.vocab = List.copyOf(vocab);
    this.unkId = unkId;
    this.byteFallback = byteFallback;
    scores = new double[vocab.size()];
    ids = new Object2IntOpenHashMap<>(vocab.size());
    ids.defaultReturnValue(-1);
    double minScore = Double.POSITIVE_INFINITY;
    for (int id = 0; id < vocab.size(); id++) {
      Piece p = vocab.get(id);
      ids.put(p.token(), id);
      scores[id] = p.score();
      if (p.score() < minScore) minScore = p.score();
    }
    unknownScore = minScore - UNKNOWN_PENALTY;
    trie = new PieceTrie(ids);
    for (int b = 0; b < 256; b++) byteIds[b] = ids.getInt(String.format("<0x%02X>", b));
  }

  /** The vocabulary in id order. */
  public List<Piece> vocabulary() {
    return vocab;
  }

  /** Id of the unknown piece, or -1. */
  public int unkId() {
    return unkId;
  }

  /** Whether an unknown run is spelled as {@code <0xNN>} pieces when they all exist. */
  public boolean byteFallback() {
    return byteFallback;
  }

  /**
   * Offsets are UTF-16 ranges of the piece. An unknown run is reported through {@link
   * TokenSink#unknownToken}; each of its byte-fallback tokens covers the whole run, as in Hugging Face.
   */
  @Override
  public void tokenize(String piece, TokenSink out) {
    int n = piece.length();
    if (n == 0) return;
    // Best path ending at each position: its score, where its last token starts (-1: none yet), and that token.
    double[] bestScore = new double[n + 1];
    int[] lastStart = new int[n + 1];
    int[] lastId = new int[n + 1];
    Arrays.fill(lastStart, -1);
    for (int start = 0; start < n; ) {
      double scoreHere = bestScore[start];
      int charLength = Character.charCount(piece.codePointAt(start));
      boolean singleCharacterPiece = false;
      for (int i = start, node = PieceTrie.root(); i < n; i++) {
        node = trie.child(node, piece.charAt(i));
        if (node < 0) break;
        int id = trie.pieceId(node);
        if (id < 0) continue;
        int end = i + 1;
        double candidate = scores[id] + scoreHere;
        if (lastStart[end] < 0 || candidate > bestScore[end]) {
          bestScore[end] = candidate;
          lastStart[end] = start;
          lastId[end] = id;
        }
        if (end - start == charLength) singleCharacterPiece = true;
      }
      if (!singleCharacterPiece) {
        int end = start + charLength;
        double candidate = unknownScore + scoreHere;
        if (lastStart[end] < 0 || candidate > bestScore[end]) {
          if (unkId < 0) throw new IllegalStateException("a character has no piece and the model has no unknown piece (unk_id)");
          bestScore[end] = candidate;
          lastStart[end] = start;
          lastId[end] = unkId;
        }
      }
      start += charLength;
    }
    emit(piece, lastStart, lastId, out);
  }

  /** Walks the best path back, fusing each run of unknown tokens into one, and emits it in order. */
  private void emit(String piece, int[] lastStart, int[] lastId, TokenSink out) {
    // Token boundaries from the end: token k covers [bounds[k + 1], bounds[k]).
    int[] bounds = new int[piece.length() + 1];
    int count = 0;
    bounds[count++] = piece.length();
    boolean rightIsUnknown = false;
    for (int end = piece.length(); end > 0; end = lastStart[end]) {
      boolean unknown = unkId >= 0 && lastId[end] == unkId;
      // Two unknown tokens side by side fuse: the boundary between them goes.
      if (end < piece.length() && !(unknown && rightIsUnknown)) bounds[count++] = end;
      rightIsUnknown = unknown;
    }
    bounds[count++] = 0;
    for (int k = count - 1; k > 0; k--) emitString(piece, bounds[k], bounds[k - 1], out);
  }

  private void emitString(String piece, int start, int end, TokenSink out) {
    String text = piece.substring(start, end);
    int id = ids.getInt(text);
    if (id >= 0 && id != unkId) {
      out.token(id, start, end);
      return;
    }
    if (id < 0 && byteFallback) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      boolean all = true;
      for (byte b : utf8) all &= byteIds[b & 0xFF] >= 0;
      if (all) {
        for (byte b : utf8) out.token(byteIds[b & 0xFF], start, end);
        return;
      }
    }
    out.unknownToken(unkId, start, end);
  }

  @Override
  public int vocabSize() {
    return vocab.size();
  }

  @Override
  public int tokenToId(String token) {
    return ids.getInt(token);
  }

  @Override
  public String idToToken(int id) {
    return id >= 0 && id < vocab.size() ? vocab.get(id).token() : null;
  }
}
