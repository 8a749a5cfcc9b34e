package dev.toksmith.core.normalizers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.text.Utf8Chars;

/**
 * SentencePiece's compiled normalization rules ({@code precompiled_charsmap}): a little-endian uint32
 * giving the size in bytes of a Darts-clone double-array trie, the trie's uint32 units, then a pool of
 * NUL-terminated UTF-8 replacement strings. The trie maps UTF-8 keys to offsets into the pool. Immutable
 * and thread-safe.
 */
public final class PrecompiledCharsmap {
  /** Replacement strings by pool offset, made as they are first asked for (a benign race: strings are immutable). */
  private String[] replacements;
  /** See {@link #plainAscii}; made as first asked for. */
  private boolean[] plainAscii;
  private final byte[] bytes;
  private final int[] units;
  private final byte[] pool;
  /** The code points some key starts with: only where one stands can the rules change a text. */
  private final BitSet keyStarts = new BitSet();

  private PrecompiledCharsmap(byte[] bytes, int[] units, byte[] pool) {
    this.bytes = bytes;
    this.units = units;
    this.pool = pool;
    findKeyStarts(offset(units[0]), 0, 0, 0);
  }

  /**
   * Follows every edge from {@code node} that continues the UTF-8 of a first code point, {@code
   * bytesSeen} of whose {@code length} bytes make {@code codePoint} so far, and records each complete
   * one: a key starts with it, since the trie holds no edge that no key takes.
   */
  private void findKeyStarts(int node, int bytesSeen, int length, int codePoint) {
    if (bytesSeen > 0 && bytesSeen == length) {
      keyStarts.set(codePoint);
      return;
    }
    int low = bytesSeen == 0 ? 1 : 0x80;
    int high = bytesSeen == 0 ? 0xF4 : 0xBF;
    for (int label = low; label <= high; label++) {
      int child = node ^ label;
      if (child < 0 || child >= units.length || (units[child] & ((1 << 31) | 0xFF)) != label) continue;
      int next = child ^ offset(units[child]);
      if (bytesSeen == 0) {
        int n = label < 0x80 ? 1 : label >= 0xF0 ? 4 : label >= 0xE0 ? 3 : label >= 0xC2 ? 2 : 0;
        if (n > 0) findKeyStarts(next, 1, n, label & (0xFF >>> (n == 1 ? 1 : n + 1)));
      } else {
        findKeyStarts(next, bytesSeen + 1, length, (codePoint << 6) | (label & 0x3F));
      }
    }
  }

  /**
   * Whether some key is a prefix of the UTF-8 text {@code utf8[from, to)} (raw bytes with {@code raw},
   * read as {@link Utf8Chars} reads them): a text with none at any character is left alone by the
   * rules, either way of applying them. Allocates nothing.
   */
  boolean keyAt(byte[] utf8, int from, int to, boolean raw) {
    if (!keyStarts.get(Utf8Chars.codePoint(Utf8Chars.at(utf8, from, to, raw)))) return false;
    int node = offset(units[0]);
    for (int i = from; i < to; ) {
      int c = Utf8Chars.at(utf8, i, to, raw);
      int cp = Utf8Chars.codePoint(c);
      if (cp == 0) return false;
      i += Utf8Chars.length(c);
      boolean leaf = false;
      // The key bytes of the character: an invalid byte read as U+DCxx walks as that surrogate, which no key holds.
      for (int b = 0, n = Utf8.length(cp); b < n; b++) {
        int label = Utf8.byteOf(cp, b);
        node ^= label;
        if (node < 0 || node >= units.length) return false;
        int unit = units[node];
        if ((unit & ((1 << 31) | 0xFF)) != label) return false;
        node ^= offset(unit);
        leaf = ((unit >>> 8) & 1) == 1;
      }
      if (leaf && node < units.length) return true;
    }
    return false;
  }

  /**
   * Parses a charsmap as Hugging Face's {@code spm_precompiled} does.
   *
   * @throws IllegalArgumentException if the blob is too short for its trie, the trie is empty, or the
   *     pool is not UTF-8
   */
  public static PrecompiledCharsmap parse(byte[] charsmap) {
    byte[] bytes = charsmap.clone();
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (in.remaining() < 4) throw new IllegalArgumentException("charsmap shorter than its trie size");
    long trieBytes = Integer.toUnsignedLong(in.getInt());
    if (trieBytes / 4 > in.remaining() / 4) throw new IllegalArgumentException("charsmap shorter than its trie of " + trieBytes + " bytes");
    int[] units = new int[(int) (trieBytes / 4)];
    if (units.length == 0) throw new IllegalArgumentException("charsmap with an empty trie");
    for (int i = 0; i < units.length; i++) units[i] = in.getInt();
    byte[] pool = Arrays.copyOfRange(bytes, in.position(), bytes.length);
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(pool));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("charsmap replacement strings are not UTF-8", e);
    }
    return new PrecompiledCharsmap(bytes, units, pool);
  }

  /** The blob this was parsed from. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The replacement of the shortest key that is a prefix of {@code text[from, to)}, or null: what
   * {@code spm_precompiled}'s {@code transform} returns (the first result of a common prefix search).
   */
  String shortestPrefixReplacement(CharSequence text, int from, int to) {
    int[] shortest = {-1};
    walk(text, from, to, (end, poolOffset) -> {
      shortest[0] = poolOffset;
      return false;
    });
    return shortest[0] < 0 ? null : replacement(shortest[0]);
  }

  /**
   * The longest key that is a prefix of {@code text[from, ...)}, as SentencePiece's normalizer picks
   * it: its length in UTF-16 units and its replacement, or null.
   */
  Match longestPrefix(CharSequence text, int from) {
    long key = longestKey(text, from);
    return key < 0 ? null : new Match((int) (key >>> 32), replacement((int) key));
  }

  /**
   * {@link #longestPrefix} without allocating: the key's length in UTF-16 units shifted left by 32 and
   * the pool offset of its replacement ({@link #replacementAt}), or -1 when no key starts there.
   */
  long longestKey(CharSequence text, int from) {
    long longest = -1;
    int node = offset(units[0]);
    for (int i = from, n = text.length(); i < n; ) {
      int cp = Character.codePointAt(text, i);
      if (cp == 0) break;
      i += Character.charCount(cp);
      boolean leaf = false;
      int length = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (int b = 0; b < length; b++) {
        int label = utf8Byte(cp, length, b);
        node ^= label;
        if (node < 0 || node >= units.length) return longest;
        int unit = units[node];
        if ((unit & ((1 << 31) | 0xFF)) != label) return longest;
        node ^= offset(unit);
        leaf = ((unit >>> 8) & 1) == 1;
      }
      if (leaf && node < units.length) longest = (long) (i - from) << 32 | (units[node] & 0x7FFFFFFF);
    }
    return longest;
  }

  /** Byte {@code b} of the {@code length}-byte UTF-8 form of {@code cp} (a lone surrogate as such). */
  private static int utf8Byte(int cp, int length, int b) {
    if (length == 1) return cp;
    int shift = 6 * (length - 1 - b);
    if (b == 0) return (0xF00 >>> length & 0xF0) | cp >>> shift;
    return 0x80 | (cp >>> shift & 0x3F);
  }

  /**
   * Which ASCII characters the rules leave alone when another ASCII character follows: no key is
   * the character itself, and none starts with it and an ASCII character. Computed once.
   */
  boolean[] plainAscii() {
    boolean[] plain = plainAscii;
    if (plain == null) {
      plain = new boolean[0x80];
      for (int c = 0; c < 0x80; c++) {
        boolean free = longestKey(String.valueOf((char) c), 0) < 0;
        for (int d = 0; d < 0x80 && free; d++) free = !continues(c, d);
        plain[c] = free;
      }
      plainAscii = plain;
    }
    return plain;
  }

  /** Whether some key starts with the two ASCII characters {@code c d} (a trie node follows them). */
  private boolean continues(int c, int d) {
    int node = offset(units[0]);
    for (int label : new int[] {c, d}) {
      node ^= label;
      if (node < 0 || node >= units.length) return false;
      int unit = units[node];
      if ((unit & ((1 << 31) | 0xFF)) != label) return false;
      node ^= offset(unit);
    }
    return true;
  }

  /** The replacement string at a pool offset that {@link #longestKey} returned; cached. */
  String replacementAt(int poolOffset) {
    String[] cache = replacements;
    if (cache == null) replacements = cache = new String[pool.length + 1];
    String s = cache[poolOffset];
    if (s == null) cache[poolOffset] = s = replacement(poolOffset);
    return s;
  }

  /** A key found in the text: how many UTF-16 units it covers, and what replaces them. */
  record Match(int length, String replacement) {}

  private interface KeyVisitor {
    /** A key ends at UTF-16 index {@code end}; returns whether to look for longer keys. */
    boolean found(int end, int poolOffset);
  }

  /**
   * Walks the trie along the UTF-8 bytes of {@code text[from, to)}, reporting each key that ends at a
   * character boundary. A NUL character ends the walk, as in the reference.
   */
  private void walk(CharSequence text, int from, int to, KeyVisitor visitor) {
    int node = offset(units[0]);
    byte[] utf8 = new byte[4];
    for (int i = from; i < to; ) {
      int cp = Character.codePointAt(text, i);
      if (cp == 0) return;
      i += Character.charCount(cp);
      int length = encode(cp, utf8);
      boolean leaf = false;
      for (int b = 0; b < length; b++) {
        int label = utf8[b] & 0xFF;
        node ^= label;
        if (node < 0 || node >= units.length) return;
        int unit = units[node];
        if ((unit & ((1 << 31) | 0xFF)) != label) return;
        node ^= offset(unit);
        leaf = ((unit >>> 8) & 1) == 1;
      }
      if (leaf && node < units.length && !visitor.found(i, units[node] & 0x7FFFFFFF)) return;
    }
  }

  private static int offset(int unit) {
    return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
  }

  /** UTF-8 of a code point; a lone surrogate is encoded as such, which no key contains. */
  private static int encode(int cp, byte[] out) {
    if (cp < 0x80) {
      out[0] = (byte) cp;
      return 1;
    }
    if (cp < 0x800) {
      out[0] = (byte) (0xC0 | cp >>> 6);
      out[1] = (byte) (0x80 | cp & 0x3F);
      return 2;
    }
    if (cp < 0x10000) {
      out[0] = (byte) (0xE0 | cp >>> 12);
      out[1] = (byte) (0x80 | cp >>> 6 & 0x3F);
      out[2] = (byte) (0x80 | cp & 0x3F);
      return 3;
    }
    out[0] = (byte) (0xF0 | cp >>> 18);
    out[1] = (byte) (0x80 | cp >>> 12 & 0x3F);
    out[2] = (byte) (0x80 | cp >>> 6 & 0x3F);
    out[3] = (byte) (0x80 | cp & 0x3F);
    return 4;
  }

  /** The NUL-terminated string at {@code offset} of the pool. */
  private String replacement(int offset) {
    if (offset > pool.length) throw new IllegalStateException("charsmap points outside its strings: " + offset);
    int end = offset;
    while (end < pool.length && pool[end] != 0) end++;
    return new String(pool, offset, end - offset, StandardCharsets.UTF_8);
  }
}
