package dev.toksmith.core.models.bpe;

import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.TokenSink;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding with ranked merges, as Hugging Face's {@code BPE} model: a piece starts as one
 * symbol per character (per byte for byte-level input) and the lowest-ranked adjacent pair is merged,
 * leftmost first, until no pair has a merge.
 */
public final class BpeModel implements Model {
  /** Hugging Face caches pieces shorter than this many bytes; longer ones are rare and costly to key. */
  private static final int CACHED_PIECE_LENGTH = 256;
  private static final int CACHE_CAPACITY = 10_000;

  private final String[] vocab;
  private final Object2IntOpenHashMap<String> ids;
  private final List<Merge> mergeList;
  private final MergeTable merges;
  private final int[] byteSymbols = new int[256];
  private final BpeOptions options;
  private final int unkId;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  /** One merge rule, by token id: {@code left + right -> result}, in rank order. */
  public record Merge(int left, int right, int result) {}

  /**
   * Builds a model.
   *
   * @param vocab token (vocabulary form) to id; ids need not be contiguous
   * @param merges merge rules in rank order
   * @throws IllegalArgumentException if a merge or the unknown token refers to a missing token
   */
  public BpeModel(Object2IntOpenHashMap<String> vocab, List<Merge> merges, BpeOptions options) {
    this.options = options;
    this.ids = new Object2IntOpenHashMap<>(vocab);
    this.ids.defaultReturnValue(-1);
    int maxId = -1;
    for (int id : vocab.values()) {
      if (id < 0) throw new IllegalArgumentException("negative token id " + id);
      maxId = Math.max(maxId, id);
    }
    this.vocab = new String[maxId + 1];
    for (var e : vocab.object2IntEntrySet()) this.vocab[e.getIntValue()] = e.getKey();
    this.mergeList = List.copyOf(merges);
    this.merges = new MergeTable(merges);
    for (int b = 0; b < 256; b++) byteSymbols[b] = ids.getInt(String.valueOf(ByteLevelAlphabet.charOf(b)));
    if (options.unkToken() != null) {
      unkId = ids.getInt(options.unkToken());
      if (unkId < 0) throw new IllegalArgumentException("unk_token " + options.unkToken() + " is not in the vocabulary");
    } else {
      unkId = -1;
    }
  }

  /** The options this model was built with. */
  public BpeOptions options() {
    return options;
  }

  /** The merge rules in rank order. */
  public List<Merge> merges() {
    return mergeList;
  }

  @Override
  public int vocabSize() {
    return ids.size();
  }

  @Override
  public int tokenToId(String token) {
    return ids.getInt(token);
  }

  @Override
  public String idToToken(int id) {
    return id >= 0 && id < vocab.length ? vocab[id] : null;
  }

  @Override
  public int idBound() {
    return vocab.length;
  }

  @Override
  public void tokenize(String piece, TokenSink out) {
    if (piece.isEmpty()) return;
    if (options.ignoreMerges()) {
      int whole = ids.getInt(piece);
      if (whole >= 0) {
        out.token(whole, 0, piece.length());
        return;
      }
    }
    emit(cached(piece, () -> symbolsOfText(piece)), 0, out);
  }

  /**
   * Byte-level input: each byte starts as the token of its byte-level character. Equivalent to
   * spelling the bytes as characters and calling {@link #tokenize(String, TokenSink)}, without
   * building that string.
   */
  @Override
  public void tokenizeBytes(byte[] bytes, int from, int to, TokenSink out) {
    if (from == to) return;
    if (options.needsTextPath()) {
      Model.super.tokenizeBytes(bytes, from, to, out);
      return;
    }
    String key = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    emit(cached(key, () -> symbolsOfBytes(bytes, from, to)), from, out);
  }

  private interface SymbolSource {
    Symbols get();
  }

  /** Tokens of a piece as pairs (id, length in piece units), cached for short pieces. */
  private int[] cached(String key, SymbolSource symbols) {
    boolean cacheable = key.length() < CACHED_PIECE_LENGTH;
    if (cacheable) {
      int[] hit = cache.get(key);
      if (hit != null) return hit;
    }
    Symbols s = symbols.get();
    int n = merges.mergeAll(s.ids, s.lengths, s.count);
    int[] packed = new int[n * 2];
    for (int i = 0; i < n; i++) {
      packed[2 * i] = s.ids[i];
      packed[2 * i + 1] = s.lengths[i];
    }
    if (cacheable && cache.size() < CACHE_CAPACITY) cache.put(key, packed);
    return packed;
  }

  private static void emit(int[] packed, int offset, TokenSink out) {
    int at = offset;
    for (int i = 0; i < packed.length; i += 2) {
      out.token(packed[i], at, at + packed[i + 1]);
      at += packed[i + 1];
    }
  }

  /** Initial symbols and their lengths, before any merge. */
  private static final class Symbols {
    int[] ids;
    int[] lengths;
    int count;

    Symbols(int capacity) {
      ids = new int[capacity];
      lengths = new int[capacity];
    }

    void add(int id, int length) {
      ids[count] = id;
      lengths[count++] = length;
    }
  }

  private Symbols symbolsOfBytes(byte[] bytes, int from, int to) {
    Symbols s = new Symbols(to - from);
    int pendingUnk = 0;
    for (int i = from; i < to; i++) {
      int id = byteSymbols[bytes[i] & 0xFF];
      if (id >= 0) {
        if (pendingUnk > 0) {
          s.add(unkId, pendingUnk);
          pendingUnk = 0;
        }
        s.add(id, 1);
      } else if (unkId >= 0) {
        // Unfused unknowns each become a token; fused ones accumulate.
        if (pendingUnk > 0 && !options.fuseUnk()) s.add(unkId, pendingUnk);
        pendingUnk = options.fuseUnk() ? pendingUnk + 1 : 1;
      }
      // Otherwise the byte is dropped: Hugging Face drops symbols missing from a vocabulary
      // without unk_token.
    }
    if (pendingUnk > 0) s.add(unkId, pendingUnk);
    return s;
  }

  /** Hugging Face's {@code merge_word}: one symbol per character, prefix/suffix, byte fallback, unk. */
  private Symbols symbolsOfText(String w) {
    Symbols s = new Symbols(w.length() * (options.byteFallback() ? 4 : 1));
    int pendingUnk = 0;
    for (int i = 0; i < w.length(); ) {
      int cpLength = Character.charCount(w.codePointAt(i));
      int end = i + cpLength;
      String symbol = w.substring(i, end);
      if (i > 0 && options.continuingSubwordPrefix() != null) symbol = options.continuingSubwordPrefix() + symbol;
      if (end == w.length() && options.endOfWordSuffix() != null) symbol = symbol + options.endOfWordSuffix();
      int id = ids.getInt(symbol);
      if (id >= 0) {
        if (pendingUnk > 0) {
          s.add(unkId, pendingUnk);
          pendingUnk = 0;
        }
        s.add(id, cpLength);
      } else if (options.byteFallback() && addByteFallback(s, symbol, cpLength)) {
        // Hugging Face leaves a pending unk in place here; it is flushed later, out of order.
      } else if (unkId >= 0) {
        if (pendingUnk > 0 && !options.fuseUnk()) s.add(unkId, pendingUnk);
        pendingUnk = options.fuseUnk() ? pendingUnk + cpLength : cpLength;
      }
      i = end;
    }
    if (pendingUnk > 0) s.add(unkId, pendingUnk);
    return s;
  }

  /**
   * Adds {@code <0xNN>} tokens for the UTF-8 bytes of {@code symbol} if all exist. Offsets: the first
   * byte token spans the character, the others are empty, so offsets stay in UTF-16 units.
   */
  private boolean addByteFallback(Symbols s, String symbol, int cpLength) {
    byte[] utf8 = symbol.getBytes(StandardCharsets.UTF_8);
    int[] found = new int[utf8.length];
    for (int k = 0; k < utf8.length; k++) {
      found[k] = ids.getInt(String.format("<0x%02X>", utf8[k] & 0xFF));
      if (found[k] < 0) return false;
    }
    if (s.count + found.length > s.ids.length) {
      s.ids = java.util.Arrays.copyOf(s.ids, s.ids.length * 2 + found.length);
      s.lengths = java.util.Arrays.copyOf(s.lengths, s.ids.length);
    }
    for (int k = 0; k < found.length; k++) s.add(found[k], k == 0 ? cpLength : 0);
    return true;
  }

  /** The merges keyed for lookup: pair of ids to rank and result. */
  static final class MergeTable {
    private final Long2LongOpenHashMap table;

    MergeTable(List<Merge> merges) {
      table = new Long2LongOpenHashMap(merges.size() * 2);
      table.defaultReturnValue(-1);
      for (int rank = 0; rank < merges.size(); rank++) {
        Merge m = merges.get(rank);
        // A pair listed twice keeps its later rank, as Hugging Face's HashMap collect does.
        table.put(key(m.left(), m.right()), ((long) rank << 32) | (m.result() & 0xFFFFFFFFL));
      }
    }

    private static long key(int left, int right) {
      return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** Rank of merging {@code left, right}, or {@link Integer#MAX_VALUE} when there is none. */
    int rank(int left, int right) {
      long v = table.get(key(left, right));
      return v < 0 ? Integer.MAX_VALUE : (int) (v >>> 32);
    }

    int result(int left, int right) {
      return (int) table.get(key(left, right));
    }

    /**
     * Applies merges to {@code ids[0, n)} in place (lengths follow) and returns the new count. Short
     * pieces scan an array of pair ranks; long ones use a heap so a 1 MB piece stays near-linear.
     */
    int mergeAll(int[] ids, int[] lengths, int n) {
      return n <= 64 ? mergeByScan(ids, lengths, n) : mergeByHeap(ids, lengths, n);
    }

    private int mergeByScan(int[] ids, int[] lengths, int n) {
      if (n < 2) return n;
      int[] ranks = new int[n - 1];
      for (int i = 0; i < n - 1; i++) ranks[i] = rank(ids[i], ids[i + 1]);
      while (n > 1) {
        int best = Integer.MAX_VALUE;
        int at = -1;
        for (int i = 0; i < n - 1; i++) {
          if (ranks[i] < best) {
            best = ranks[i];
            at = i;
          }
        }
        if (at < 0) break;
        ids[at] = result(ids[at], ids[at + 1]);
        lengths[at] += lengths[at + 1];
        System.arraycopy(ids, at + 2, ids, at + 1, n - at - 2);
        System.arraycopy(lengths, at + 2, lengths, at + 1, n - at - 2);
        System.arraycopy(ranks, at + 1, ranks, at, n - at - 2);
        n--;
        if (at > 0) ranks[at - 1] = rank(ids[at - 1], ids[at]);
        if (at < n - 1) ranks[at] = rank(ids[at], ids[at + 1]);
      }
      return n;
    }

    private int mergeByHeap(int[] ids, int[] lengths, int n) {
      int[] next = new int[n];
      int[] prev = new int[n];
      for (int i = 0; i < n; i++) {
        next[i] = i + 1 < n ? i + 1 : -1;
        prev[i] = i - 1;
      }
      // Heap entries are (rank << 32 | position); stale entries are skipped when popped.
      it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue heap = new it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue(n);
      for (int i = 0; i + 1 < n; i++) push(heap, ids, i, i + 1);
      boolean[] gone = new boolean[n];
      while (!heap.isEmpty()) {
        long top = heap.dequeueLong();
        int rank = (int) (top >>> 32);
        int at = (int) top;
        int right = next[at];
        if (gone[at] || right < 0 || rank(ids[at], ids[right]) != rank) continue;
        ids[at] = result(ids[at], ids[right]);
        lengths[at] += lengths[right];
        gone[right] = true;
        next[at] = next[right];
        if (next[at] >= 0) prev[next[at]] = at;
        if (prev[at] >= 0) push(heap, ids, prev[at], at);
        if (next[at] >= 0) push(heap, ids, at, next[at]);
      }
      int count = 0;
      for (int i = 0; i >= 0 && i < n; i = next[i]) {
        ids[count] = ids[i];
        lengths[count++] = lengths[i];
      }
      return count;
    }

    private void push(it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue heap, int[] ids, int left, int right) {
      int rank = rank(ids[left], ids[right]);
      if (rank != Integer.MAX_VALUE) heap.enqueue(((long) rank << 32) | left);
    }
  }

  /** Vocabulary in id order (holes skipped), for serialization. */
  public List<String> tokensById() {
    List<String> out = new ArrayList<>(ids.size());
    for (String t : vocab) if (t != null) out.add(t);
    return out;
  }
}
