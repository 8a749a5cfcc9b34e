package dev.toksmith.core.text;

import dev.toksmith.api.DecodeStream;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The {@link DecodeStream} of a tokenizer whose text is the UTF-8 of its ids' bytes, one after the
 * other (byte-level BPE, tiktoken): the bytes are held until all of them form whole characters (or
 * invalid sequences, which no later byte changes), then written, as Hugging Face's stream writes
 * them. Unlike that stream it does not decode the held bytes again at every id, so a run of tokens
 * that never ends on a whole character costs time linear in its length; past 64 KiB held, what is
 * settled is written anyway.
 */
public final class Utf8DecodeStream implements DecodeStream {
  private static final int MAX_HELD = 1 << 16;

  private final IntFunction<byte[]> bytesOf;
  private byte[] pending = new byte[16];
  private int length;
  /** The held bytes before this form whole characters (or are invalid, which no later byte changes). */
  private int settled;

  /**
   * @param bytesOf the bytes an id stands for (none for a special token left out); throws {@link
   *     IllegalArgumentException} for an id outside the vocabulary
   */
  public Utf8DecodeStream(IntFunction<byte[]> bytesOf) {
    this.bytesOf = bytesOf;
  }

  @Override
  public String step(int id) {
    byte[] bytes = bytesOf.apply(id);
    if (length + bytes.length > pending.length) pending = Arrays.copyOf(pending, Math.max(2 * pending.length, length + bytes.length));
    System.arraycopy(bytes, 0, pending, length, bytes.length);
    length += bytes.length;
    settled += Utf8.settledPrefix(pending, settled, length);
    if (settled < length && settled < MAX_HELD) return "";
    String text = Utf8.decode(pending, 0, settled);
    System.arraycopy(pending, settled, pending, 0, length - settled);
    length -= settled;
    settled = 0;
    return text;
  }

  @Override
  public String finish() {
    String text = Utf8.decode(pending, 0, length);
    length = 0;
    settled = 0;
    return text;
  }
}
