package dev.toksmith.core.lm;

import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The canonical continuations of a canonical id sequence for a pre-tokenized BPE (tiktoken
 * encodings, GPT-2 and Llama 3 style tokenizer.json), decided by local tests instead of re-encoding the text
 * once per vocabulary entry. {@code docs/methods/canonicality.md} proves that the result is the same set.
 *
 * <p>Appending a token v to a canonical text T keeps it canonical exactly when the split of T + v
 * keeps T's pieces and either starts a piece at v that the model encodes as v alone (case A), or
 * extends T's last piece P by v, whose encoding is then P's tokens and v (case B); any other split
 * is checked by re-encoding. How the split goes depends only on the text after T's last settled
 * piece boundary, with each character replaced by its pattern's representative: one
 * classification per such <em>junction</em> serves every tail that looks the same to the pattern.
 * Case B is the bigram test of BPE on P's last token u and v ({@link MergeTrees}), whose failures
 * are listed from u's merge tree. The masks are cached by the text after the settled boundary,
 * which with its tokens is all the test reads.
 *
 * <p>Thread-safe.
 */
final class CanonicalMasks {
  private static final int CACHE_BYTES = 64 << 20;

  /** How appending each id splits after one junction. */
  private record Junction(BitSet alone, BitSet extending, BitSet recheck, int lastPieceStart) {}

  private final TokenBytes tokens;
  private final SplitPattern pattern;
  private final MergeTrees merges;
  private final boolean wholePieceLookup;
  /** The characters of each id's bytes on their own (escaped where not UTF-8). */
  private final char[][] chars;
  private final int maxChars;
  /** Ids the model encodes as themselves when they are a whole piece. */
  private final BitSet pieceCanonical;
  /** BPE-canonical ids whose run applies merges in rank order: the bigram test by merge trees holds for them. */
  private final BitSet ordered;
  /** Ids whose characters are one match of the pattern on their own. */
  private final BitSet onePiece;
  /**
   * The ids grouped by how the pattern sees them after any tail: their characters as {@link
   * SplitPattern#representatives} has them, the first two kept as they are (an apostrophe at the
   * tail's end makes them literals). Ids of one group split alike after every tail, so a junction is
   * classified once per group.
   */
  private final char[][] shapes;
  private final int[][] shapeMembers;
  /** Ids in the vocabulary that BPE does not build, by bytes (found only by whole-piece lookup). */
  private final int[] lookupOnly;
  private final Map<String, Junction> junctions = new ConcurrentHashMap<>();
  private final Map<Integer, int[]> conflicts = new ConcurrentHashMap<>();
  private final Map<ByteKey, BitSet> masks;
  /** The last context asked about and where its tail starts (a byte offset before which its matches are settled). */
  private volatile Settled lastSettled;

  private record Settled(int[] context, int tailStart) {}

  /**
   * @param tokens the tokenizer's byte view; its encoder is the exact check
   * @param pattern the split pattern, one that can tell where its matches settle
   * @param merges the BPE inside each piece
   * @param wholePieceLookup whether a piece that is itself a token is that token without merging
   *     (tiktoken; Hugging Face's ignore_merges)
   */
  CanonicalMasks(TokenBytes tokens, SplitPattern pattern, MergeTrees merges, boolean wholePieceLookup) {
    this.tokens = tokens;
    this.pattern = pattern;
    this.merges = merges;
    this.wholePieceLookup = wholePieceLookup;
    int bound = tokens.idBound();
    pieceCanonical = new BitSet(bound);
    ordered = new BitSet(bound);
    onePiece = new BitSet(bound);
    chars = new char[bound][];
    int longest = 0;
    IntArrayList lookup = new IntArrayList();
    for (int id : tokens.ids()) {
      byte[] b = tokens.bytes(id);
      chars[id] = Utf8.decodeEscaped(b, 0, b.length).toCharArray();
      longest = Math.max(longest, chars[id].length);
      if (merges.isOrdered(id)) ordered.set(id);
      if (merges.isCanonical(id) || wholePieceLookup) pieceCanonical.set(id);
      if (wholePieceLookup && !merges.isCanonical(id)) lookup.add(id);
      if (pattern.matchEnd(b, 0, b.length, true) == b.length) onePiece.set(id);
    }
    maxChars = longest;
    lookupOnly = lookup.toIntArray();
    Map<String, IntArrayList> groups = new LinkedHashMap<>();
    for (int id : tokens.ids()) groups.computeIfAbsent(shape(pattern, chars[id]), k -> new IntArrayList()).add(id);
    shapes = new char[groups.size()][];
    shapeMembers = new int[groups.size()][];
    int g = 0;
    for (Map.Entry<String, IntArrayList> e : groups.entrySet()) {
      shapes[g] = e.getKey().toCharArray();
      shapeMembers[g++] = e.getValue().toIntArray();
    }
    masks = newMaskCache(bound);
  }

  /** How {@code pattern} sees {@code c} after any tail (see {@link #shapes}). */
  private static String shape(SplitPattern pattern, char[] c) {
    String s = new String(c);
    int literal = 0;
    while (literal < Math.min(2, s.length())) literal += Character.charCount(s.codePointAt(literal));
    return s.substring(0, literal) + pattern.representatives(s).substring(literal);
  }

  private CanonicalMasks(CanonicalMasks other) {
    tokens = other.tokens;
    pattern = other.pattern;
    merges = other.merges;
    wholePieceLookup = other.wholePieceLookup;
    chars = other.chars;
    maxChars = other.maxChars;
    pieceCanonical = other.pieceCanonical;
    ordered = other.ordered;
    onePiece = other.onePiece;
    lookupOnly = other.lookupOnly;
    shapes = other.shapes;
    shapeMembers = other.shapeMembers;
    masks = newMaskCache(tokens.idBound());
  }

  /** The same test with nothing cached. */
  CanonicalMasks withEmptyCaches() {
    return new CanonicalMasks(this);
  }

  private static Map<ByteKey, BitSet> newMaskCache(int idBound) {
    int entries = Math.max(64, CACHE_BYTES / Math.max(1, idBound / 8));
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteKey, BitSet> eldest) {
        return size() > entries;
      }
    };
  }

  /**
   * Which ids v make {@code context + v} canonical, for a canonical {@code context} whose bytes are
   * {@code text}; null when the context is not canonical where the test looks (the caller then
   * re-encodes).
   */
  BitSet validNext(int[] context, byte[] text) {
    // A context usually extends the one before: its settled matches stay settled, so start there.
    Settled hint = lastSettled;
    int from = hint != null && hint.context.length <= context.length && Arrays.equals(hint.context, 0, hint.context.length, context, 0, hint.context.length) ? hint.tailStart : 0;
    int settled = from + Utf8.settledPrefix(text, from, text.length);
    String decoded = Utf8.decodeEscaped(text, from, settled);
    int settledChars = pattern.settledEnd(decoded);
    if (settledChars < 0) return null;
    int tailStart = from + escapedLength(decoded, 0, settledChars);
    lastSettled = new Settled(context.clone(), tailStart);
    int first = tokenStartingAt(context, text.length, tailStart);
    if (first < 0) return null;
    ByteKey key = new ByteKey(Arrays.copyOfRange(text, tailStart, text.length));
    synchronized (masks) {
      BitSet cached = masks.get(key);
      if (cached != null) return cached;
    }
    int[] tailIds = Arrays.copyOfRange(context, first, context.length);
    byte[] unsettled = Arrays.copyOfRange(text, settled, text.length);
    BitSet mask = local(key.bytes(), tailIds, decoded.substring(settledChars), unsettled);
    if (mask == null) return null;
    synchronized (masks) {
      masks.put(key, mask);
    }
    return mask;
  }

  /** Index of the id of {@code context} that starts at byte {@code offset} of its {@code length} bytes, or -1. */
  private int tokenStartingAt(int[] context, int length, int offset) {
    int at = length;
    int i = context.length;
    while (at > offset) at -= tokens.bytes(context[--i]).length;
    return at == offset ? i : -1;
  }

  private static int escapedLength(CharSequence s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) n++;
      else if (c < 0x800) n += 2;
      else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (c >= 0xDC80 && c <= 0xDCFF) n++; // an escaped byte
      else n += 3;
    }
    return n;
  }

  /**
   * The mask after a tail (bytes {@code tail}, ids {@code tailIds}) made of the characters {@code
   * tailChars} and then {@code unsettled} bytes that could still become part of a character.
   */
  private BitSet local(byte[] tail, int[] tailIds, String tailChars, byte[] unsettled) {
    Junction junction = junction(pattern.representatives(tailChars), unsettled);
    BitSet mask = (BitSet) junction.alone.clone();
    mask.and(pieceCanonical);
    if (!junction.extending.isEmpty()) {
      int pieceByte = junction.lastPieceStart <= tailChars.length()
          ? escapedLength(tailChars, 0, junction.lastPieceStart)
          : tail.length - unsettled.length + junction.lastPieceStart - tailChars.length();
      int pieceFirst = tokenStartingAt(tailIds, tail.length, pieceByte);
      if (pieceFirst < 0) return null;
      int u = tailIds[tailIds.length - 1];
      // P's tokens are BPE's for P when there are several, or when its one token is BPE-canonical.
      if (merges.isOrdered(u)) {
        BitSet extending = (BitSet) junction.extending.clone();
        extending.and(ordered);
        for (int v : conflicts(u)) extending.clear(v);
        if (wholePieceLookup) clearWholePieces(extending, tail, pieceByte);
        mask.or(extending);
        // BPE-canonical ids whose own run is out of rank order: the tree test does not cover them.
        BitSet unordered = (BitSet) junction.extending.clone();
        unordered.andNot(ordered);
        unordered.and(pieceCanonical);
        if (!unordered.isEmpty()) mask.or(recheck(tail, tailIds, unordered));
      } else {
        mask.or(recheck(tail, tailIds, junction.extending));
      }
    }
    if (!junction.recheck.isEmpty()) mask.or(recheck(tail, tailIds, junction.recheck));
    return mask;
  }

  /** Clears the v for which the last piece and v together are a token BPE does not build. */
  private void clearWholePieces(BitSet extending, byte[] tail, int pieceByte) {
    int pieceLength = tail.length - pieceByte;
    int lo = lowerBound(lookupOnly, tail, pieceByte, tail.length);
    for (int i = lo; i < lookupOnly.length; i++) {
      byte[] w = tokens.bytes(lookupOnly[i]);
      if (w.length < pieceLength || !Arrays.equals(w, 0, pieceLength, tail, pieceByte, tail.length)) break;
      if (w.length == pieceLength) continue;
      int v = tokens.idOf(w, pieceLength, w.length);
      if (v >= 0) extending.clear(v);
    }
  }

  private int lowerBound(int[] ids, byte[] key, int from, int to) {
    int lo = 0;
    int hi = ids.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      byte[] b = tokens.bytes(ids[mid]);
      if (Arrays.compareUnsigned(b, 0, b.length, key, from, to) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The BPE-canonical v whose bigram with {@code u} BPE does not keep, sorted. */
  private int[] conflicts(int u) {
    return conflicts.computeIfAbsent(u, k -> {
      IntArrayList out = new IntArrayList();
      merges.conflicts(k, out);
      return out.intStream().sorted().distinct().toArray();
    });
  }

  /** The ids among {@code candidates} (every id when null) for which re-encoding the tail and v gives the tail's ids and v. */
  private BitSet recheck(byte[] tail, int[] tailIds, BitSet candidates) {
    IntStream ids = candidates == null ? IntStream.of(tokens.ids()) : candidates.stream();
    BitSet valid = new BitSet(tokens.idBound());
    ids.parallel().filter(v -> {
      byte[] vb = tokens.bytes(v);
      byte[] extended = Arrays.copyOf(tail, tail.length + vb.length);
      System.arraycopy(vb, 0, extended, tail.length, vb.length);
      int[] ids2 = tokens.encode(extended, 0, extended.length);
      return ids2.length == tailIds.length + 1 && ids2[tailIds.length] == v && Arrays.equals(ids2, 0, tailIds.length, tailIds, 0, tailIds.length);
    }).forEach(v -> {
      synchronized (valid) {
        valid.set(v);
      }
    });
    return valid;
  }

  private Junction junction(String tail, byte[] unsettled) {
    StringBuilder key = new StringBuilder(tail);
    if (unsettled.length > 0) {
      key.append('\uFFFF');
      for (byte x : unsettled) key.append((char) (x & 0xFF));
    }
    return junctions.computeIfAbsent(key.toString(), k -> classify(tail, unsettled));
  }

  /**
   * Splits {@code tail + unsettled + v} for every id v and sorts the ids by what the split does at
   * the junction. Positions are chars up to the end of {@code tail} and bytes after it, since the
   * unsettled bytes and v's first bytes may decode to one character.
   */
  private Junction classify(String tail, byte[] unsettled) {
    if (unsettled.length == 0) return classifySettled(tail, null);
    if ((unsettled[0] & 0xFF) == 0xED) return classifyUnsettled(tail, unsettled, null); // a surrogate's bytes
    // The unsettled bytes start a character that only continuation bytes complete: before any other
    // byte they stay escaped bytes, one character each, and v decodes as on its own.
    BitSet joining = new BitSet();
    for (int v : tokens.ids()) {
      int first = tokens.bytes(v)[0] & 0xFF;
      if (first >= 0x80 && first <= 0xBF) joining.set(v);
    }
    Junction apart = classifySettled(tail + Utf8.decodeEscaped(unsettled, 0, unsettled.length), joining);
    Junction joined = classifyUnsettled(tail, unsettled, joining);
    apart.alone.or(joined.alone);
    apart.extending.or(joined.extending);
    apart.recheck.or(joined.recheck);
    return apart; // its last piece starts where the other's does: an escaped byte is one char and one byte
  }

  /**
   * {@link #classify} for a tail that ends on a character boundary, once per group of ids that the
   * pattern sees alike ({@link #shapes}). Only the matches that start in the tail are run: the first
   * match start at or past the junction is either the junction itself, after which the matches are
   * v's own (a match reads only from its start on), or inside v.
   */
  private Junction classifySettled(String tail, BitSet skip) {
    int j = tail.length();
    Starts own = new Starts();
    pattern.findMatches(tail, own);
    int pieces = own.count;
    int lastPieceStart = pieces > 0 ? own.at[pieces - 1] : 0;
    char[] buffer = new char[j + maxChars];
    tail.getChars(0, j, buffer, 0);
    Text text = new Text(buffer);
    int words = (tokens.idBound() + 63) >>> 6;
    long[] alone = new long[words];
    long[] extending = new long[words];
    long[] recheck = new long[words];
    for (int g = 0; g < shapes.length; g++) {
      char[] c = shapes[g];
      System.arraycopy(c, 0, buffer, j, c.length);
      int end = j + c.length;
      text.length = end;
      int at = 0;
      int before = 0;
      boolean kept = true;
      while (at < j) {
        kept &= before < pieces && own.at[before] == at;
        before++;
        at = pattern.matchEnd(text, at);
      }
      kept &= before == pieces;
      long[] into;
      if (at == j) {
        if (!onePiece.get(shapeMembers[g][0])) continue; // a piece boundary falls inside v
        into = kept ? alone : recheck;
      } else if (at == end) {
        into = kept && pieces > 0 ? extending : recheck;
      } else {
        continue; // a match starting in the tail ends inside v: v straddles a piece boundary
      }
      for (int v : shapeMembers[g]) {
        if (skip == null || !skip.get(v)) into[v >>> 6] |= 1L << v;
      }
    }
    return new Junction(BitSet.valueOf(alone), BitSet.valueOf(extending), BitSet.valueOf(recheck), lastPieceStart);
  }

  /** {@link #classify} of the ids in {@code only} (every id when null), decoding the unsettled bytes with each. */
  private Junction classifyUnsettled(String tail, byte[] unsettled, BitSet only) {
    int r = tail.length();
    String own = tail + Utf8.decodeEscaped(unsettled, 0, unsettled.length);
    Starts ownStarts = new Starts();
    pattern.findMatches(own, ownStarts);
    int[] ownPositions = positions(ownStarts, own, r);
    int pieces = ownStarts.count;
    int lastPieceStart = pieces > 0 ? ownPositions[pieces - 1] : 0;
    int junction = r + unsettled.length;
    char[] buffer = new char[r + unsettled.length + tokens.maxTokenLength() + maxChars];
    tail.getChars(0, r, buffer, 0);
    Text text = new Text(buffer);
    Starts starts = new Starts();
    BitSet alone = new BitSet();
    BitSet extending = new BitSet();
    BitSet recheck = new BitSet();
    byte[] joined = new byte[unsettled.length + tokens.maxTokenLength()];
    System.arraycopy(unsettled, 0, joined, 0, unsettled.length);
    for (int v : tokens.ids()) {
      if (only != null && !only.get(v)) continue;
      int end;
      if (unsettled.length == 0) {
        char[] c = chars[v];
        System.arraycopy(c, 0, buffer, r, c.length);
        text.length = r + c.length;
        end = junction + tokens.bytes(v).length;
      } else {
        byte[] vb = tokens.bytes(v);
        System.arraycopy(vb, 0, joined, unsettled.length, vb.length);
        String rest = Utf8.decodeEscaped(joined, 0, unsettled.length + vb.length);
        rest.getChars(0, rest.length(), buffer, r);
        text.length = r + rest.length();
        end = junction + vb.length;
      }
      starts.count = 0;
      pattern.findMatches(text, starts);
      int[] at = positions(starts, text, r);
      int before = 0;
      while (before < starts.count && at[before] < junction) before++;
      boolean straddles = false;
      for (int i = before; i < starts.count; i++) straddles |= at[i] > junction && at[i] < end;
      if (straddles) continue; // a piece boundary falls inside v
      boolean kept = before == pieces && Arrays.equals(at, 0, before, ownPositions, 0, pieces);
      boolean startsPiece = before < starts.count && at[before] == junction;
      if (kept && startsPiece) alone.set(v);
      else if (kept && pieces > 0 && before == starts.count) extending.set(v);
      else recheck.set(v);
    }
    return new Junction(alone, extending, recheck, lastPieceStart);
  }

  /** Match starts as positions: char indices up to {@code chars}, then {@code chars} plus the bytes after it. */
  private static int[] positions(Starts starts, CharSequence text, int chars) {
    int[] out = new int[starts.count];
    int bytes = 0;
    int from = chars;
    for (int i = 0; i < starts.count; i++) {
      int s = starts.at[i];
      if (s <= chars) {
        out[i] = s;
      } else {
        bytes += escapedLength(text, from, s);
        from = s;
        out[i] = chars + bytes;
      }
    }
    return out;
  }

  /** Collects match starts. */
  private static final class Starts implements SplitPattern.MatchSink {
    int[] at = new int[16];
    int count;

    @Override
    public void match(int start, int end) {
      if (count == at.length) at = Arrays.copyOf(at, 2 * count);
      at[count++] = start;
    }
  }

  /** A reusable text over a char buffer. */
  private static final class Text implements CharSequence {
    private final char[] buffer;
    int length;

    Text(char[] buffer) {
      this.buffer = buffer;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (index >= length) throw new IndexOutOfBoundsException(index);
      return buffer[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(buffer, start, end - start);
    }

    @Override
    public String toString() {
      return new String(buffer, 0, length);
    }
  }

}
