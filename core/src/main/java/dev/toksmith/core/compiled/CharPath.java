package dev.toksmith.core.compiled;

import dev.toksmith.core.text.Utf8;
import java.util.function.IntConsumer;

/**
 * Base of the fast paths that run on characters rather than bytes (SentencePiece-style BPE, WordPiece,
 * Unigram: their pipelines are never byte-level, so their input is always text). Both entry points
 * bring the segment into one per-thread char array, UTF-8 by decoding, a string by copying.
 */
abstract class CharPath implements FastPath {
  private final ThreadLocal<char[]> buffers = ThreadLocal.withInitial(() -> new char[1024]);

  @Override
  public final int encode(CharSequence text, int from, int to, boolean escaped, IntConsumer ids) {
    if (from == to) return 0;
    char[] chars = buffer(to - from);
    if (text instanceof String s) {
      s.getChars(from, to, chars, 0);
    } else {
      for (int i = from; i < to; i++) chars[i - from] = text.charAt(i);
    }
    return encode(chars, to - from, from, ids);
  }

  /** The pipeline hands these paths only valid UTF-8: it refuses other bytes for a text tokenizer. */
  @Override
  public final int encodeBytes(byte[] bytes, int from, int to, IntConsumer ids) {
    if (from == to) return 0;
    char[] chars = buffer(to - from);
    return encode(chars, Utf8.decodeText(bytes, from, to, chars), 0, ids);
  }

  private char[] buffer(int length) {
    char[] chars = buffers.get();
    if (chars.length < length) buffers.set(chars = new char[Math.max(length, chars.length * 2)]);
    return chars;
  }

  /**
   * Encodes the raw segment {@code text[0, length)} (which only this call uses), handing its ids to
   * {@code ids}; returns their number, or -1 having handed on nothing for the general path.
   *
   * @param originalStart where the segment starts in the pipeline's input (Metaspace's scheme "first"
   *     asks whether it is 0)
   */
  abstract int encode(char[] text, int length, int originalStart, IntConsumer ids);
}
