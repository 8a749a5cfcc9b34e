package dev.toksmith.core.models.bpe;

import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.ByteTokenTable;
import dev.toksmith.core.models.PieceCache;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.models.Vocabulary;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A {@link BpeModel} of a byte-level vocabulary run on the bytes themselves, with Hugging Face's merge
 * order (the pair with the lowest merge rank first, the leftmost of equals first): no detour through
 * the byte characters' spelling, one array read for the first merge of every byte pair, the whole
 * piece looked up by its bytes when the model ignores merges, and the ids of recent pieces in a {@link
 * PieceCache}. Gives exactly the ids {@link BpeModel#tokenize} gives the spelled piece. Immutable and
 * thread-safe.
 */
public final class ByteLevelBpe {
  private final int[] byteIds;
  /** The merge rank of the symbols of each two bytes ({@code first << 8 | second}), {@link MergeTable#NONE} when none. */
  private final int[] bytePairs;
  private final MergeTable merges;
  /** The model's tokens by their bytes, when a piece that is a token stays whole; null otherwise. */
  private final ByteTokenTable wholePieces;
  /** Bytes of each id's token, -1 for an id that spells no bytes. */
  private final int[] lengths;
  private final PieceCache cache = new PieceCache(1 << 15);

  private ByteLevelBpe(int[] byteIds, MergeTable merges, ByteTokenTable wholePieces, int[] lengths) {
    this.byteIds = byteIds;
    this.merges = merges;
    this.wholePieces = wholePieces;
    this.lengths = lengths;
    this.bytePairs = new int[1 << 16];
    for (int pair = 0; pair < bytePairs.length; pair++) bytePairs[pair] = merges.rank(byteIds[pair >>> 8], byteIds[pair & 0xFF]);
  }

  /**
   * The byte-level engine of {@code model}, or null when its options make bytes behave otherwise than
   * their characters: a byte whose character is not in the vocabulary (unknown token, byte fallback or
   * dropping), or a non-empty continuing-subword prefix or end-of-word suffix.
   */
  static ByteLevelBpe of(Vocabulary vocab, MergeTable merges, BpeOptions options) {
    int[] byteIds = new int[256];
    for (int b = 0; b < 256; b++) {
      byteIds[b] = vocab.id(String.valueOf(ByteLevelAlphabet.charOf(b)));
      if (byteIds[b] < 0) return null;
    }
    if (!isEmpty(options.continuingSubwordPrefix()) || !isEmpty(options.endOfWordSuffix())) return null;
    int[] lengths = new int[vocab.idBound()];
    long chars = 0;
    for (int id = 0; id < lengths.length; id++) chars += vocab.token(id) == null ? 0 : vocab.token(id).length();
    // Every token's bytes in id order, one a character; a token of other characters has none.
    byte[] bytes = new byte[(int) chars];
    int at = 0;
    for (int id = 0; id < lengths.length; id++) {
      String token = vocab.token(id);
      int n = token == null ? -1 : ByteLevelAlphabet.unspell(token, bytes, at);
      lengths[id] = n > 0 ? n : -1;
      at += Math.max(n, 0);
    }
    ByteTokenTable wholePieces = options.ignoreMerges() ? new ByteTokenTable(Arrays.copyOf(bytes, at), lengths, "id") : null;
    return new ByteLevelBpe(byteIds, merges, wholePieces, lengths);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  /** Hands the ids of the piece {@code bytes[from, to)} to {@code out}, in order; returns their number. */
  public int encode(byte[] bytes, int from, int to, IntConsumer out) {
    int n = to - from;
    if (n <= 2) {
      if (n <= 0) return 0;
      if (n == 1) {
        out.accept(byteIds[bytes[from] & 0xFF]);
        return 1;
      }
      int whole = wholePieces != null ? wholePieces.id(bytes, from, to) : -1;
      int rank = whole >= 0 ? MergeTable.NONE : bytePairs[((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF)];
      if (whole >= 0 || rank != MergeTable.NONE) {
        out.accept(whole >= 0 ? whole : merges.result(rank));
        return 1;
      }
      out.accept(byteIds[bytes[from] & 0xFF]);
      out.accept(byteIds[bytes[from + 1] & 0xFF]);
      return 2;
    }
    long first = ByteTokenTable.firstWord(bytes, from, n);
    long hash = ByteTokenTable.hash(bytes, from, n, first);
    if (wholePieces != null) {
      int whole = wholePieces.id(bytes, from, n, first, hash);
      if (whole >= 0) {
        out.accept(whole);
        return 1;
      }
    }
    int[] ids = n <= PieceCache.MAX_PIECE_LENGTH ? cache.get(bytes, from, n, hash) : null;
    if (ids == null) {
      ids = merge(bytes, from, n);
      if (n <= PieceCache.MAX_PIECE_LENGTH) cache.put(bytes, from, n, hash, ids);
    }
    for (int id : ids) out.accept(id);
    return ids.length;
  }

  /** Reports the tokens of the piece {@code bytes[from, to)} with their byte ranges. */
  public void encode(byte[] bytes, int from, int to, TokenSink out) {
    int[] at = {from};
    encode(bytes, from, to, (IntConsumer) id -> {
      out.token(id, at[0], at[0] + lengths[id]);
      at[0] += lengths[id];
    });
  }

  /** The ids of a piece of at least three bytes, by merging its bytes' symbols. */
  private int[] merge(byte[] bytes, int from, int n) {
    int[] ids = new int[n];
    int[] pairs = new int[n];
    for (int i = 0; i < n; i++) ids[i] = byteIds[bytes[from + i] & 0xFF];
    for (int i = 0; i + 1 < n; i++) pairs[i] = bytePairs[((bytes[from + i] & 0xFF) << 8) | (bytes[from + i + 1] & 0xFF)];
    return Arrays.copyOf(ids, merges.mergeAll(ids, null, pairs, n));
  }
}
