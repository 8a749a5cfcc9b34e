package dev.toksmith.core;

import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntConsumer;

/**
 * Encodes raw bytes of any length window by window, with exactly the ids of encoding them whole, in
 * memory that does not grow with the input: each window ends at a cut the tokenizer finds ({@link
 * Windowed#lastCut}), where encoding the two sides apart gives the ids of the whole, and is encoded
 * with the text since the cut before it as context. A stretch with no cut grows the window; one longer
 * than the limit is refused.
 *
 * <p>Invalid UTF-8 is read as {@link Utf8#decodeEscaped} reads it, so byte-level tokenizers keep every
 * byte, as {@code encodeBytes} does.
 */
public final class Windows {
  /** Characters a window holds before a cut is looked for. */
  public static final int WINDOW = 1 << 13;
  /** The longest stretch without a cut that is encoded (whole); longer ones are refused. */
  public static final int MAX_UNCUT = 1 << 26;

  private final Windowed tokenizer;
  private final int window;
  private final int maxUncut;

  /** Windows of {@link #WINDOW} characters, stretches without a cut up to {@link #MAX_UNCUT}. */
  public Windows(Windowed tokenizer) {
    this(tokenizer, WINDOW, MAX_UNCUT);
  }

  /** Other sizes, for tests. */
  public Windows(Windowed tokenizer, int window, int maxUncut) {
    if (window < 1 || maxUncut < window) throw new IllegalArgumentException("window " + window + " and limit " + maxUncut);
    this.tokenizer = tokenizer;
    this.window = window;
    this.maxUncut = maxUncut;
  }

  /**
   * Encodes the bytes of {@code in} up to its end, handing each id to {@code ids} once it is final;
   * returns the number of bytes read.
   *
   * @throws IllegalArgumentException if a stretch of more than the limit has no cut, or the tokenizer
   *     cannot encode the text
   */
  public long encode(InputStream in, IntConsumer ids) throws IOException {
    Reader reader = new Reader(in);
    StringBuilder text = new StringBuilder();
    IntArrayList out = new IntArrayList();
    int context = 0;
    int from = 0;
    int wanted = window;
    while (true) {
      while (!reader.eof && text.length() - from < wanted) reader.readInto(text);
      if (reader.eof) {
        emit(text.toString(), context, from, text.length(), out, ids);
        return reader.bytesRead;
      }
      String current = text.toString();
      int cut = tokenizer.lastCut(current, from, current.length());
      if (cut < 0) {
        if (current.length() - from >= maxUncut) {
          throw new IllegalArgumentException("more than " + maxUncut + " characters with no place where this tokenizer's ids can be cut"
              + " (such as a space between two words); longer stretches are refused");
        }
        wanted = (int) Math.min((long) wanted * 2, maxUncut);
        continue;
      }
      emit(current, context, from, cut, out, ids);
      // The next window's context: from the last cut before this one (or this window's start) on.
      int previous = tokenizer.lastCut(current, from, cut);
      context = previous >= 0 ? previous : from;
      from = cut;
      text.delete(0, context);
      from -= context;
      context = 0;
      wanted = window;
    }
  }

  private void emit(String text, int context, int from, int to, IntArrayList out, IntConsumer ids) {
    out.clear();
    tokenizer.encodeWindow(text, context, from, to, out);
    for (int i = 0; i < out.size(); i++) ids.accept(out.getInt(i));
  }

  /** Reads bytes and decodes them as they settle: a sequence cut by a read waits for its last bytes. */
  private static final class Reader {
    private final InputStream in;
    private byte[] bytes = new byte[1 << 16];
    private int held;
    boolean eof;
    long bytesRead;

    Reader(InputStream in) {
      this.in = in;
    }

    void readInto(StringBuilder text) throws IOException {
      int n = in.read(bytes, held, bytes.length - held);
      if (n < 0) {
        eof = true;
        text.append(Utf8.decodeEscaped(bytes, 0, held));
        held = 0;
        return;
      }
      bytesRead += n;
      int length = held + n;
      int settled = Utf8.settledPrefix(bytes, 0, length);
      text.append(Utf8.decodeEscaped(bytes, 0, settled));
      held = length - settled;
      System.arraycopy(bytes, settled, bytes, 0, held);
    }
  }
}
