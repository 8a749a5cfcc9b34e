package dev.toksmith.core.models.bpe;

import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.ByteTokenTable;
import dev.toksmith.core.models.PieceCache;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.TiktokenModel;
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
  private final MergeTable.OnDemand merges;
  /** The model's tokens by their bytes, when a piece that is a token stays whole or the merges are in rank order; null otherwise. */
  private final ByteTokenTable wholePieces;
  private final boolean ignoreMerges;
  /**
   * The same model run on its tokens' ranks ({@link TiktokenModel#inMergeOrder}) when its merges are in
   * rank order ({@link RankOrder}), for pieces of up to {@link #rankedLength} bytes; null otherwise.
   * Such an engine never builds its merge table for encoding (hundreds of thousands of merges: 25-45
   * ms and 16 MB on the first long piece of a run).
   */
  private final TiktokenModel ranks;
  /** {@link TiktokenModel#longestPiece()} of {@link #ranks}, -1 without. */
  private final int rankedLength;
  /** Bytes of each id's token, -1 for an id that spells no bytes. */
  private final int[] lengths;
  /** Every token's bytes in id order (none for an id of {@code lengths} -1), kept for {@link BpeModel#tables()}. */
  private final byte[] tokenBytes;
  private final PieceCache cache = new PieceCache(1 << 15);

  /**
   * {@code rankOrdered}: whether the merges are in rank order (null: find out from {@code mergeList},
   * {@link RankOrder}). {@code bytePairs} null: computed from {@code mergeList}; {@code tokenSlots}
   * null: the token table hashed anew ({@link ByteTokenTable#ofSlots}).
   */
  private ByteLevelBpe(int[] byteIds, MergeTable.OnDemand merges, MergeTable.Ranked mergeList, byte[] tokenBytes, int[] lengths, int[] bytePairs, long[] tokenSlots, boolean ignoreMerges, Boolean rankOrdered) {
    this.byteIds = byteIds;
    this.merges = merges;
    this.tokenBytes = tokenBytes;
    this.lengths = lengths;
    this.ignoreMerges = ignoreMerges;
    if (bytePairs == null) bytePairs = bytePairs(byteIds, mergeList);
    this.bytePairs = bytePairs;
    // Tokens are distinct strings and spellings one-to-one, so no two ids share bytes.
    ByteTokenTable table = !(ignoreMerges || rankOrdered == null || rankOrdered) ? null
        : tokenSlots != null ? ByteTokenTable.ofSlots(tokenBytes, lengths, tokenSlots) : new ByteTokenTable(tokenBytes, lengths, "id");
    boolean ordered = table != null && (rankOrdered != null ? rankOrdered : RankOrder.holds(table, tokenBytes, lengths, mergeList));
    this.wholePieces = ignoreMerges || ordered ? table : null;
    this.ranks = ordered ? TiktokenModel.inMergeOrder(table, ignoreMerges) : null;
    this.rankedLength = ranks == null ? -1 : ranks.longestPiece();
  }

  /**
   * The rank of the merge of each two bytes' symbols, from the merge list: the later rank of a pair
   * listed twice, as in {@link MergeTable}. The 256 byte symbols are distinct tokens, so distinct ids.
   */
  private static int[] bytePairs(int[] byteIds, MergeTable.Ranked mergeList) {
    int bound = 0;
    for (int id : byteIds) bound = Math.max(bound, id + 1);
    int[] byteOf = new int[bound];
    Arrays.fill(byteOf, -1);
    for (int b = 0; b < 256; b++) byteOf[byteIds[b]] = b;
    int[] pairs = new int[1 << 16];
    Arrays.fill(pairs, MergeTable.NONE);
    for (int rank = 0; rank < mergeList.size(); rank++) {
      int left = mergeList.left(rank);
      int right = mergeList.right(rank);
      if (left < bound && right < bound && byteOf[left] >= 0 && byteOf[right] >= 0) pairs[byteOf[left] << 8 | byteOf[right]] = rank;
    }
    return pairs;
  }

  /**
   * The engine of the arrays another one was made of (its byte ids, byte-pair ranks, token bytes and
   * lengths, whether its merges are in rank order and its token table's slots, null when it keeps no
   * token table: a cached form), on {@code merges}.
   *
   * @throws IllegalArgumentException if the arrays do not fit together
   */
  static ByteLevelBpe of(int[] byteIds, int[] bytePairs, byte[] tokenBytes, int[] lengths, long[] tokenSlots, boolean rankOrdered, MergeTable.OnDemand merges, boolean ignoreMerges) {
    if (byteIds.length != 256 || bytePairs.length != 1 << 16) throw new IllegalArgumentException("not a byte-level engine's tables");
    long total = 0;
    for (int n : lengths) total += Math.max(n, 0);
    if (total != tokenBytes.length) throw new IllegalArgumentException("the token lengths add up to " + total + " bytes, not " + tokenBytes.length);
    return new ByteLevelBpe(byteIds, merges, null, tokenBytes, lengths, bytePairs, tokenSlots, ignoreMerges, rankOrdered);
  }

  /** Whether this engine runs on its tokens' ranks: its merges are in rank order ({@link RankOrder}). */
  boolean rankOrdered() {
    return ranks != null;
  }

  /** The arrays this engine was made of, for {@link BpeModel#tables()}. */
  int[] byteIds() {
    return byteIds;
  }

  int[] bytePairs() {
    return bytePairs;
  }

  byte[] tokenBytes() {
    return tokenBytes;
  }

  /** The slots of the token table this engine keeps (see {@link ByteTokenTable#slots()}), or null when it keeps none. */
  long[] tokenSlots() {
    return wholePieces == null ? null : wholePieces.slots();
  }

  int[] lengths() {
    return lengths;
  }

  /**
   * The byte-level engine of {@code model}, or null when its options make bytes behave otherwise than
   * their characters: a byte whose character is not in the vocabulary (unknown token, byte fallback or
   * dropping), or a non-empty continuing-subword prefix or end-of-word suffix.
   */
  static ByteLevelBpe of(Vocabulary vocab, MergeTable.OnDemand merges, MergeTable.Ranked mergeList, BpeOptions options) {
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
    return new ByteLevelBpe(byteIds, merges, mergeList, Arrays.copyOf(bytes, at), lengths, null, null, options.ignoreMerges(), null);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  /** Hands the ids of the piece {@code bytes[from, to)} to {@code out}, in order; returns their number. */
  public int encode(byte[] bytes, int from, int to, IntConsumer out) {
    int n = to - from;
    if (n <= rankedLength) return n <= 0 ? 0 : ranks.encode(bytes, from, to, out);
    if (n <= 2) {
      if (n <= 0) return 0;
      if (n == 1) {
        out.accept(byteIds[bytes[from] & 0xFF]);
        return 1;
      }
      int pair = ((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF);
      int whole = ignoreMerges ? wholePieces.pairId(pair) : -1;
      int rank = whole >= 0 ? MergeTable.NONE : bytePairs[pair];
      if (whole >= 0 || rank != MergeTable.NONE) {
        out.accept(whole >= 0 ? whole : merges.get().result(rank));
        return 1;
      }
      out.accept(byteIds[bytes[from] & 0xFF]);
      out.accept(byteIds[bytes[from + 1] & 0xFF]);
      return 2;
    }
    long first = ByteTokenTable.firstWord(bytes, from, n);
    long hash = ByteTokenTable.hash(bytes, from, n, first);
    if (ignoreMerges) {
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
    return Arrays.copyOf(ids, merges.get().mergeAll(ids, null, pairs, n));
  }
}
