package dev.toksmith.core.unicode;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Unicode 9.0 normalization data, the version of the tables inside {@code unicode-normalization-alignments}
 * 0.1.12, which Hugging Face's NFC/NFD/NFKC/NFKD normalizers use: canonical combining classes, full
 * (recursively expanded, not reordered) canonical and compatibility decompositions, and the primary
 * composites. Hangul syllables are algorithmic ({@link Hangul}) and not stored.
 *
 * <p>Resource {@value #RESOURCE}, big-endian: a {@link CodePointTable} of per-code-point info (layout
 * in the constants below); the canonical decompositions as a count and then, per entry, the code point
 * (int), the length (unsigned byte) and the pieces (ints); the compatibility decompositions that differ
 * from the canonical ones, in the same form; the composition pairs as a count and (first, second,
 * composite) int triples.
 */
final class NormalizationData {
  static final String RESOURCE = "normalization.bin";

  /** Info bits 0-7: the canonical combining class. */
  static final int COMBINING_CLASS = 0xFF;
  /** Info bit: has a canonical decomposition (Hangul syllables included). */
  static final int DECOMPOSES = 1 << 8;
  /** Info bit: has a compatibility decomposition that differs from its canonical one. */
  static final int COMPATIBILITY_DIFFERS = 1 << 9;
  /** Info bit: is the second character of some composition pair (Hangul V and T jamo included). */
  static final int COMPOSITION_SECOND = 1 << 10;
  /**
   * Info bits, one per form: the character is left as it is, with change 0, whatever surrounds it; and
   * nothing before it interacts with anything after it (it is a starter that never composes with what
   * precedes it).
   */
  static final int STABLE_NFD = 1 << 11;
  static final int STABLE_NFKD = 1 << 12;
  static final int STABLE_NFC = 1 << 13;
  static final int STABLE_NFKC = 1 << 14;
  /**
   * Info bit: General_Category Mark (Mn, Mc, Me), the crate's {@code is_combining_mark}, which Hugging
   * Face's StripAccents removes.
   */
  static final int COMBINING_MARK = 1 << 15;

  /** Decomposition entries pack a pool offset and a length. */
  private static final int LENGTH_BITS = 5;

  private static final NormalizationData INSTANCE = load();

  private final CodePointTable info;
  private final int[] pool;
  private final Int2IntOpenHashMap canonical;
  private final Int2IntOpenHashMap compatibility;
  private final Long2IntOpenHashMap compositions;

  private NormalizationData(
      CodePointTable info, int[] pool, Int2IntOpenHashMap canonical, Int2IntOpenHashMap compatibility, Long2IntOpenHashMap compositions) {
    this.info = info;
    this.pool = pool;
    this.canonical = canonical;
    this.compatibility = compatibility;
    this.compositions = compositions;
  }

  static NormalizationData get() {
    return INSTANCE;
  }

  /** Info bits of {@code cp}; lone surrogates are plain starters. */
  int info(int cp) {
    return info.get(cp);
  }

  /** The pieces of all decompositions; {@link #decomposition} points into it. */
  int[] pool() {
    return pool;
  }

  /**
   * Where the full decomposition of a non-Hangul {@code cp} with {@link #DECOMPOSES} or
   * {@link #COMPATIBILITY_DIFFERS} lies in {@link #pool}: pass the result to {@link #offset} and
   * {@link #length}.
   */
  int decomposition(int cp, int info, boolean compatible) {
    return compatible && (info & COMPATIBILITY_DIFFERS) != 0 ? compatibility.get(cp) : canonical.get(cp);
  }

  static int offset(int decomposition) {
    return decomposition >>> LENGTH_BITS;
  }

  static int length(int decomposition) {
    return decomposition & ((1 << LENGTH_BITS) - 1);
  }

  /** The primary composite of {@code first} and {@code second}, or -1; Hangul included. */
  int compose(int first, int second) {
    int syllable = Hangul.compose(first, second);
    return syllable >= 0 ? syllable : compositions.get(pairKey(first, second));
  }

  private static long pairKey(int first, int second) {
    return ((long) first << 21) | second;
  }

  private static NormalizationData load() {
    try (DataInputStream in = CodePointTable.openResource(RESOURCE)) {
      CodePointTable info = CodePointTable.read(in);
      IntArrayList pool = new IntArrayList();
      Int2IntOpenHashMap canonical = readDecompositions(in, pool);
      Int2IntOpenHashMap compatibility = readDecompositions(in, pool);
      int pairs = in.readInt();
      Long2IntOpenHashMap compositions = new Long2IntOpenHashMap(pairs);
      compositions.defaultReturnValue(-1);
      for (int i = 0; i < pairs; i++) {
        int first = in.readInt();
        int second = in.readInt();
        compositions.put(pairKey(first, second), in.readInt());
      }
      CodePointTable.requireEnd(in, RESOURCE);
      return new NormalizationData(info, pool.toIntArray(), canonical, compatibility, compositions);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static Int2IntOpenHashMap readDecompositions(DataInputStream in, IntArrayList pool) throws IOException {
    int count = in.readInt();
    Int2IntOpenHashMap map = new Int2IntOpenHashMap(count);
    for (int i = 0; i < count; i++) {
      int cp = in.readInt();
      int length = in.readUnsignedByte();
      if (length == 0 || length >= 1 << LENGTH_BITS) throw new IOException("bad decomposition length " + length);
      map.put(cp, (pool.size() << LENGTH_BITS) | length);
      for (int k = 0; k < length; k++) pool.add(in.readInt());
    }
    return map;
  }
}
