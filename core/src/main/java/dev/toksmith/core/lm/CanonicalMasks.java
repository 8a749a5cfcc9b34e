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
  private record Junction(BitSet alone, BitSet extending, BitSet recheck, int lastPieceStart, Bases bases) {
    Junction(BitSet alone, BitSet extending, BitSet recheck, int lastPieceStart) {
      this(alone, extending, recheck, lastPieceStart, new Bases());
    }
  }

  /**
   * What every mask after one junction starts from: the ids that start a piece the model encodes as
   * themselves ({@code alone}), and those that extend the last piece with an ordered BPE run, before
   * the last token's bigram conflicts are taken out ({@code extending}); with their sums by first
   * byte for the weights asked last. Made when first needed.
   */
  private static final class Bases {
    BitSet alone;
    BitSet extending;
    double[] weights;
    TokenTable.FirstByteSums aloneSums;
    TokenTable.FirstByteSums extendingSums;
  }

  /**
   * How a mask is made from its junction's bases: {@code alone}, and when {@code extended} also
   * {@code extending} less {@code removed} (the last token's bigram conflicts and whole-piece
   * lookups among them), plus {@code added} (ids of neither base, let in by re-encoding). Sums over
   * the mask follow from the bases' sums and these few ids.
   */
  private record Recipe(Junction junction, boolean extended, int[] removed, BitSet added) {}

  private final TokenTable tokens;
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
   * The ids grouped by how the pattern sees them after a tail whose last two characters hold no
   * apostrophe: their characters as {@link SplitPattern#representatives} has them. Ids of one group
   * split alike after every such tail, so a junction is classified once per group. (The patterns
   * read a character by its class but for a few literals, and the characters of v that an
   * apostrophe in the tail reaches, its first two, as contraction letters.)
   */
  private final Groups groups;
  /** The same after a tail whose last two characters hold an apostrophe: the first two characters kept as they are. */
  private final Groups afterApostrophe;

  /** Ids in groups, each with the characters the pattern reads for all of them. */
  private record Groups(char[][] shapes, int[][] members) {
    static Groups of(Map<String, IntArrayList> byShape) {
      char[][] shapes = new char[byShape.size()][];
      int[][] members = new int[byShape.size()][];
      int g = 0;
      for (Map.Entry<String, IntArrayList> e : byShape.entrySet()) {
        shapes[g] = e.getKey().toCharArray();
        members[g++] = e.getValue().toIntArray();
      }
      return new Groups(shapes, members);
    }
  }
  /** Ids in the vocabulary that BPE does not build, by bytes (found only by whole-piece lookup). */
  private final int[] lookupOnly;
  private final Map<String, Junction> junctions = new ConcurrentHashMap<>();
  private final Map<Integer, int[]> conflicts = new ConcurrentHashMap<>();
  private final Map<Tail, BitSet> masks;

  /**
   * A tail as a cache key: its bytes and its ids. For a canonical context the bytes fix the ids;
   * the ids are in the key so that a caller asking about a context that is not canonical (whose
   * mask means nothing) cannot leave its answer for the canonical context with the same bytes.
   */
  private record Tail(byte[] bytes, int[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Tail other && Arrays.equals(bytes, other.bytes) && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(bytes) + Arrays.hashCode(ids);
    }
  }
  /** The recipe of each mask in {@link #masks}, by the mask's identity. */
  private final Map<MaskKey, Recipe> recipes;
  /** The last context asked about and the token where its tail starts (before which its matches are settled). */
  private volatile Settled lastSettled;

  private record Settled(int[] context, int tailToken) {}

  /**
   * @param tokens the tokenizer's byte tables; its encoder is the exact check
   * @param pattern the split pattern, one that can tell where its matches settle
   * @param merges the BPE inside each piece
   * @param wholePieceLookup whether a piece that is itself a token is that token without merging
   *     (tiktoken; Hugging Face's ignore_merges)
   */
  CanonicalMasks(TokenTable tokens, SplitPattern pattern, MergeTrees merges, boolean wholePieceLookup) {
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
    Map<String, IntArrayList> plain = new LinkedHashMap<>();
    Map<String, IntArrayList> literal = new LinkedHashMap<>();
    for (int id : tokens.ids()) {
      String s = new String(chars[id]);
      String seen = pattern.representatives(s);
      int first = 0;
      while (first < Math.min(2, s.length())) first += Character.charCount(s.codePointAt(first));
      plain.computeIfAbsent(seen, k -> new IntArrayList()).add(id);
      literal.computeIfAbsent(s.substring(0, first) + seen.substring(first), k -> new IntArrayList()).add(id);
    }
    groups = Groups.of(plain);
    afterApostrophe = Groups.of(literal);
    masks = newMaskCache(bound);
    recipes = newMaskCache(bound);
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
    groups = other.groups;
    afterApostrophe = other.afterApostrophe;
    masks = newMaskCache(tokens.idBound());
    recipes = newMaskCache(tokens.idBound());
  }

  /** The same test with nothing cached. */
  CanonicalMasks withEmptyCaches() {
    return new CanonicalMasks(this);
  }

  private static <K, V> Map<K, V> newMaskCache(int idBound) {
    int entries = Math.max(64, CACHE_BYTES / Math.max(1, idBound / 8));
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > entries;
      }
    };
  }

  /**
   * Which ids v make {@code context + v} canonical, for a canonical {@code context}; null when the
   * context is not canonical where the test looks (the caller then re-encodes).
   */
  BitSet validNext(int[] context) {
    // A context usually extends the one before: its settled matches stay settled, so start (and
    // decode) from the token where the one before's tail starts.
    Settled hint = lastSettled;
    int fromToken = hint != null && hint.context.length <= context.length && Arrays.equals(hint.context, 0, hint.context.length, context, 0, hint.context.length) ? hint.tailToken : 0;
    byte[] text = tokens.decode(context, fromToken, context.length);
    int settled = Utf8.settledPrefix(text, 0, text.length);
    String decoded = Utf8.decodeEscaped(text, 0, settled);
    int settledChars = pattern.settledEnd(decoded);
    if (settledChars < 0) return null;
    int tailStart = escapedLength(decoded, 0, settledChars);
    int first = tokenStartingAt(context, text.length, tailStart);
    if (first < 0) return null;
    lastSettled = new Settled(context.clone(), first);
    int[] tailIds = Arrays.copyOfRange(context, first, context.length);
    Tail key = new Tail(Arrays.copyOfRange(text, tailStart, text.length), tailIds);
    synchronized (masks) {
      BitSet cached = masks.get(key);
      if (cached != null) return cached;
    }
    byte[] unsettled = Arrays.copyOfRange(text, settled, text.length);
    Recipe recipe = local(key.bytes(), tailIds, decoded.substring(settledChars), unsettled);
    if (recipe == null) return null;
    BitSet mask = made(recipe);
    synchronized (masks) {
      masks.put(key, mask);
      recipes.put(new MaskKey(mask), recipe);
    }
    return mask;
  }

  /** The mask a recipe makes. */
  private static BitSet made(Recipe recipe) {
    Bases bases = recipe.junction.bases;
    BitSet mask = (BitSet) bases.alone.clone();
    if (recipe.extended) {
      BitSet extending = (BitSet) bases.extending.clone();
      for (int v : recipe.removed) extending.clear(v);
      mask.or(extending);
    }
    mask.or(recipe.added);
    return mask;
  }

  /**
   * The sums of {@code weights} by first byte over a mask this made (null for any other mask): its
   * bases' sums, computed once per junction, corrected by the ids its last token takes out and the
   * ids re-encoding let in, instead of a pass over the mask.
   */
  TokenTable.FirstByteSums firstByteSums(BitSet mask, double[] weights) {
    Recipe recipe;
    synchronized (masks) {
      recipe = recipes.get(new MaskKey(mask));
    }
    if (recipe == null) return null;
    Bases bases = recipe.junction.bases;
    TokenTable.FirstByteSums alone;
    TokenTable.FirstByteSums extending;
    synchronized (bases) {
      if (bases.weights != weights) {
        bases.aloneSums = tokens.sums(bases.alone, weights);
        bases.extendingSums = tokens.sums(bases.extending, weights);
        bases.weights = weights;
      }
      alone = bases.aloneSums;
      extending = bases.extendingSums;
    }
    double[] counts = alone.counts().clone();
    double[] sums = alone.weights().clone();
    byte[] firstBytes = tokens.firstBytes();
    if (recipe.extended) {
      for (int b = 0; b < counts.length; b++) {
        counts[b] += extending.counts()[b];
        sums[b] += extending.weights()[b];
      }
      for (int v : recipe.removed) {
        counts[firstBytes[v] & 0xFF]--;
        sums[firstBytes[v] & 0xFF] -= weights[v];
      }
    }
    for (int v = recipe.added.nextSetBit(0); v >= 0; v = recipe.added.nextSetBit(v + 1)) {
      counts[firstBytes[v] & 0xFF]++;
      sums[firstBytes[v] & 0xFF] += weights[v];
    }
    double total = 0;
    for (int b = 0; b < sums.length; b++) {
      // The weights are not negative: where subtracting leaves rounding below zero, or no id at all, the sum is 0.
      if (counts[b] == 0 || sums[b] < 0) sums[b] = 0;
      total += sums[b];
    }
    return new TokenTable.FirstByteSums(weights, counts, sums, total);
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
   * How the mask after a tail (bytes {@code tail}, ids {@code tailIds}) made of the characters {@code
   * tailChars} and then {@code unsettled} bytes that could still become part of a character is made;
   * null when the tail's last piece does not start at a token boundary.
   */
  private Recipe local(byte[] tail, int[] tailIds, String tailChars, byte[] unsettled) {
    Junction junction = junction(pattern.representatives(tailChars), unsettled);
    Bases bases = bases(junction);
    BitSet added = new BitSet();
    IntArrayList removed = new IntArrayList();
    boolean extended = false;
    if (!junction.extending.isEmpty()) {
      int pieceByte = junction.lastPieceStart <= tailChars.length()
          ? escapedLength(tailChars, 0, junction.lastPieceStart)
          : tail.length - unsettled.length + junction.lastPieceStart - tailChars.length();
      int pieceFirst = tokenStartingAt(tailIds, tail.length, pieceByte);
      if (pieceFirst < 0) return null;
      int u = tailIds[tailIds.length - 1];
      // P's tokens are BPE's for P when there are several, or when its one token is BPE-canonical.
      if (merges.isOrdered(u)) {
        extended = true;
        for (int v : conflicts(u)) {
          if (bases.extending.get(v)) removed.add(v);
        }
        if (wholePieceLookup) clearWholePieces(bases.extending, removed, tail, pieceByte);
        // BPE-canonical ids whose own run is out of rank order: the tree test does not cover them.
        BitSet unordered = (BitSet) junction.extending.clone();
        unordered.andNot(ordered);
        unordered.and(pieceCanonical);
        if (!unordered.isEmpty()) added.or(recheck(tail, tailIds, unordered));
      } else {
        added.or(recheck(tail, tailIds, junction.extending));
      }
    }
    if (!junction.recheck.isEmpty()) added.or(recheck(tail, tailIds, junction.recheck));
    return new Recipe(junction, extended, removed.toIntArray(), added);
  }

  /** The junction's bases, made on first use. */
  private Bases bases(Junction junction) {
    Bases bases = junction.bases;
    synchronized (bases) {
      if (bases.alone == null) {
        BitSet alone = (BitSet) junction.alone.clone();
        alone.and(pieceCanonical);
        BitSet extending = (BitSet) junction.extending.clone();
        extending.and(ordered);
        bases.alone = alone;
        bases.extending = extending;
      }
    }
    return bases;
  }

  /**
   * Adds to {@code removed} the v of {@code extending} not already there for which the last piece
   * and v together are a token BPE does not build.
   */
  private void clearWholePieces(BitSet extending, IntArrayList removed, byte[] tail, int pieceByte) {
    int pieceLength = tail.length - pieceByte;
    int lo = lowerBound(lookupOnly, tail, pieceByte, tail.length);
    for (int i = lo; i < lookupOnly.length; i++) {
      byte[] w = tokens.bytes(lookupOnly[i]);
      if (w.length < pieceLength || !Arrays.equals(w, 0, pieceLength, tail, pieceByte, tail.length)) break;
      if (w.length == pieceLength) continue;
      int v = tokens.idOf(w, pieceLength, w.length);
      if (v >= 0 && extending.get(v) && !removed.contains(v)) removed.add(v);
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
      BitSet distinct = new BitSet(tokens.idBound());
      merges.conflicts(k, distinct);
      int[] ids = new int[distinct.cardinality()];
      for (int v = distinct.nextSetBit(0), i = 0; v >= 0; v = distinct.nextSetBit(v + 1)) ids[i++] = v;
      return ids;
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
    int[] sorted = tokens.ids();
    for (int i = tokens.firstByteStart(0x80); i < tokens.firstByteStart(0xC0); i++) joining.set(sorted[i]);
    Junction apart = classifySettled(tail + Utf8.decodeEscaped(unsettled, 0, unsettled.length), joining);
    Junction joined = classifyUnsettled(tail, unsettled, joining);
    apart.alone.or(joined.alone);
    apart.extending.or(joined.extending);
    apart.recheck.or(joined.recheck);
    return apart; // its last piece starts where the other's does: an escaped byte is one char and one byte
  }

  /**
   * {@link #classify} for a tail that ends on a character boundary, once per group of ids that the
   * pattern sees alike ({@link #groups}). Only the matches that start in the tail are run: the first
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
    int apostrophe = tail.lastIndexOf('\'');
    Groups seen = apostrophe >= 0 && apostrophe >= j - 2 ? afterApostrophe : groups;
    char[][] shapes = seen.shapes();
    int[][] shapeMembers = seen.members();
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
    int[] candidates = only == null ? tokens.ids() : only.stream().toArray();
    for (int v : candidates) {
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
