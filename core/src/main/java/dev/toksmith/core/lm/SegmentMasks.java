package dev.toksmith.core.lm;

import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.unicode.UnicodeNormalization;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical continuations for a tokenizer that puts an NFC normalizer and added tokens around a
 * pre-tokenized BPE the local test knows (Qwen's tokenizer.json files), reduced
 * to that BPE's own masks ({@code docs/methods/canonicality.md}, section 3).
 *
 * <p>The added tokens cut the text into segments, each normalized and encoded on its own. Appending
 * a token v whose bytes end no occurrence of an added token leaves the cuts as they were and extends
 * the last segment S, so the sequence stays canonical exactly when S + v is already NFC and the inner
 * BPE keeps S's tokens and v. The few v that do complete an occurrence are decided by re-encoding the
 * whole text.
 *
 * <p>Thread-safe.
 */
final class SegmentMasks {
  private static final int CACHED_SUFFIXES = 1024;

  /** The whole tokenizer: added tokens, normalizer and all. */
  private final TokenTable outer;
  /** The test of the tokenizer without normalizer and added tokens; decides locally. */
  private final CanonicalTest inner;
  private final boolean nfc;
  /** Ids of the added tokens, special or not. */
  private final BitSet added;
  /** The added tokens' texts in UTF-8. */
  private final byte[][] contents;
  /** Ids whose bytes hold the whole text of an added token (the added tokens themselves among them). */
  private final BitSet containing;
  /**
   * Ids that start with a character nothing before it interacts with under NFC (ASCII, and most
   * others: a starter that never composes with what precedes it) and whose text NFC changes.
   */
  private final BitSet unstableAlone;
  /** The other ids (marks, jamo, a continuation byte first): whether they keep a text NFC depends on what precedes them. */
  private final int[] junctionDependent;
  /** The ids of {@link #junctionDependent} that NFC changes after a text suffix, by that suffix. */
  private final Map<ByteKey, BitSet> unstableAfter =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteKey, BitSet> eldest) {
          return size() > CACHED_SUFFIXES;
        }
      };

  /**
   * @param outer the whole tokenizer's tables
   * @param inner the test of its BPE with its pre-tokenizer alone, deciding locally; the ids it
   *     knows have the bytes they have in {@code outer}
   * @param nfc whether the whole tokenizer normalizes to NFC (else it does not normalize)
   * @param addedIds the ids of its added tokens, each matched in the text as it is (not normalized,
   *     no stripping, not single-word), none an id the BPE produces; special ones have no bytes
   * @param contents the added tokens' texts in UTF-8
   */
  SegmentMasks(TokenTable outer, CanonicalTest inner, boolean nfc, int[] addedIds, byte[][] contents) {
    this.outer = outer;
    this.inner = inner;
    this.nfc = nfc;
    this.contents = contents;
    added = new BitSet(outer.idBound());
    for (int id : addedIds) added.set(id);
    containing = new BitSet(outer.idBound());
    unstableAlone = new BitSet(outer.idBound());
    IntArrayList dependent = new IntArrayList();
    for (int id : outer.ids()) {
      byte[] b = outer.bytes(id);
      for (byte[] c : contents) {
        if (indexOf(b, c) >= 0) containing.set(id);
      }
      if (!nfc) continue;
      if (!startsWithBoundary(b)) dependent.add(id);
      else if (!stable(b, 0, b.length)) unstableAlone.set(id);
    }
    junctionDependent = dependent.toIntArray();
  }

  private SegmentMasks(SegmentMasks other) {
    outer = other.outer;
    inner = other.inner.withEmptyCaches();
    nfc = other.nfc;
    added = other.added;
    contents = other.contents;
    containing = other.containing;
    unstableAlone = other.unstableAlone;
    junctionDependent = other.junctionDependent;
  }

  /** The same test with nothing cached. */
  SegmentMasks withEmptyCaches() {
    return new SegmentMasks(this);
  }

  /** Which ids v make {@code context + v} canonical, for a canonical {@code context} whose bytes are {@code text}. */
  BitSet validNext(int[] context, byte[] text) {
    int last = context.length - 1;
    while (last >= 0 && !added.get(context[last])) last--;
    int[] segment = Arrays.copyOfRange(context, last + 1, context.length);
    int segmentStart = text.length - outer.decode(segment, segment.length).length;
    BitSet mask = (BitSet) inner.validNext(segment).clone();
    if (nfc) {
      mask.andNot(unstableAlone);
      mask.andNot(unstableAfter(text, segmentStart));
    }
    BitSet completing = completing(text);
    mask.andNot(completing);
    int[] extended = Arrays.copyOf(context, context.length + 1);
    for (int v = completing.nextSetBit(0); v >= 0; v = completing.nextSetBit(v + 1)) {
      extended[context.length] = v;
      if (outer.isCanonical(extended)) mask.set(v);
    }
    return mask;
  }

  /** The ids whose bytes end an occurrence of an added token's text after {@code text}. */
  private BitSet completing(byte[] text) {
    BitSet out = (BitSet) containing.clone();
    for (byte[] c : contents) {
      for (int k = 1; k < c.length; k++) {
        if (k > text.length || !Arrays.equals(text, text.length - k, text.length, c, 0, k)) continue;
        for (int v : outer.idsStartingWith(c, k, c.length)) out.set(v);
      }
    }
    return out;
  }

  /**
   * The ids of {@link #junctionDependent} whose bytes after the segment {@code text[segmentStart:]}
   * make a text NFC changes. An ASCII character composes with nothing before it and reorders with
   * nothing, so NFC of a text cut before one is NFC of its two parts: only the segment from its last
   * ASCII byte on matters, and the cache is keyed by those bytes.
   */
  private BitSet unstableAfter(byte[] text, int segmentStart) {
    int from = text.length - 1;
    while (from > segmentStart && text[from] < 0) from--;
    if (from < segmentStart) from = segmentStart;
    ByteKey key = new ByteKey(Arrays.copyOfRange(text, from, text.length));
    synchronized (unstableAfter) {
      BitSet cached = unstableAfter.get(key);
      if (cached != null) return cached;
    }
    byte[] joined = Arrays.copyOf(key.bytes(), key.bytes().length + outer.maxTokenLength());
    BitSet unstable = new BitSet(outer.idBound());
    for (int v : junctionDependent) {
      byte[] b = outer.bytes(v);
      System.arraycopy(b, 0, joined, key.bytes().length, b.length);
      if (!stable(joined, 0, key.bytes().length + b.length)) unstable.set(v);
    }
    synchronized (unstableAfter) {
      unstableAfter.put(key, unstable);
    }
    return unstable;
  }

  /**
   * Whether {@code b} starts with a whole character (valid UTF-8) that NFC leaves as it is whatever
   * surrounds it and that nothing before it interacts with, so that NFC of any text followed by
   * {@code b} is NFC of the two apart. A continuation byte first could join the text's last bytes.
   */
  private static boolean startsWithBoundary(byte[] b) {
    if (b[0] >= 0) return true;
    int lead = b[0] & 0xFF;
    int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || length > b.length) return false;
    String first = Utf8.decodeEscaped(b, 0, length);
    boolean valid = first.codePointCount(0, first.length()) == 1 && !(first.charAt(0) >= 0xDC80 && first.charAt(0) <= 0xDCFF);
    // The quick check of one character is its stability bit: stable and a boundary before it.
    return valid && UnicodeNormalization.isStable(b, 0, length, true, UnicodeNormalization.Form.NFC);
  }

  /** Whether NFC leaves the UTF-8 text {@code b[from, to)} (raw bytes, read as the tokenizer reads them) as it is. */
  private static boolean stable(byte[] b, int from, int to) {
    if (UnicodeNormalization.isStable(b, from, to, true, UnicodeNormalization.Form.NFC)) return true;
    String s = Utf8.decodeEscaped(b, from, to);
    return UnicodeNormalization.normalize(s, UnicodeNormalization.Form.NFC).equals(s);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

}
