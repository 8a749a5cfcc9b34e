package dev.toksmith;

import dev.toksmith.core.text.Excerpt;
import dev.toksmith.core.text.Utf8;
import java.util.Comparator;

/**
 * UTF-8 exactly as toksmith reads and writes it, for code that handles token bytes or corpus bytes
 * itself (a streaming decoder, a job that ships words between machines) and must agree with the
 * library to the byte.
 *
 * <ul>
 *   <li>{@link #encode} writes WTF-8: valid characters as UTF-8, an unpaired surrogate as the three
 *       bytes UTF-8 would give its code point, so every Java string survives a round trip.
 *   <li>{@link #decode} reads valid UTF-8 and unpaired WTF-8 surrogates exactly and replaces each
 *       maximal invalid subpart with one U+FFFD, as Hugging Face's decoders (Rust's {@code
 *       String::from_utf8_lossy}) and {@link Corpus} do: {@code E2 82 41} gives U+FFFD "A".
 *   <li>{@link #settledPrefix} tells a stream how much of what it holds can be decoded now without
 *       changing the result once more bytes come.
 *   <li>{@link #excerpt(byte[], int, int)} and {@link #excerpt(CharSequence, int)} quote input in a
 *       one-line message safely, as the library's own errors do: control characters escaped, invalid
 *       bytes as {@code \xNN}, long input cut.
 * </ul>
 *
 * <pre>{@code
 * byte[] held = {(byte) 0xE2, (byte) 0x82};                  // the first two bytes of "€"
 * int ready = Utf8Text.settledPrefix(held, 0, held.length);   // 0: wait for the third
 * String text = Utf8Text.decode(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, 0, 3);  // "€"
 * }</pre>
 */
public final class Utf8Text {
  /**
   * Strings in code point order, which is the byte order of their UTF-8: the order in which {@link
   * Corpus} reads a directory's files and trainers break ties ({@link String#compareTo}, UTF-16 order,
   * differs above U+FFFF).
   */
  public static final Comparator<String> CODE_POINT_ORDER = Utf8.CODE_POINT_ORDER;

  private Utf8Text() {}

  /** The WTF-8 bytes of {@code text}: UTF-8, with each unpaired surrogate as its three bytes. */
  public static byte[] encode(CharSequence text) {
    return Utf8.encode(text);
  }

  /**
   * Decodes {@code bytes[from, to)}: valid UTF-8 and unpaired WTF-8 surrogates exactly, every maximal
   * invalid subpart as one U+FFFD.
   */
  public static String decode(byte[] bytes, int from, int to) {
    return Utf8.decode(bytes, from, to);
  }

  /**
   * How many bytes from {@code from} can be decoded now: the longest prefix of {@code bytes[from, to)}
   * that does not end inside a sequence later bytes could still complete. Decoding that prefix and
   * the rest apart gives the same text as decoding them together.
   */
  public static int settledPrefix(byte[] bytes, int from, int to) {
    return Utf8.settledPrefix(bytes, from, to);
  }

  /**
   * Raw bytes quoted for a message: valid UTF-8 as its characters, any other byte as {@code \xNN},
   * control characters escaped, cut after about 100 characters (the cut says how many bytes were left
   * out).
   */
  public static String excerpt(byte[] bytes, int from, int to) {
    return Excerpt.ofBytes(bytes, from, to);
  }

  /** {@code text} made one safe line: control characters escaped, cut after {@code limit} characters. */
  public static String excerpt(CharSequence text, int limit) {
    return Excerpt.message(text, limit);
  }
}
