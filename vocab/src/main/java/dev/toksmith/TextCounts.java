package dev.toksmith;

/**
 * What a text is measured in: characters (Unicode code points), words and UTF-8 bytes.
 *
 * <p>A <em>word</em> is a maximal run of code points that are not white space, where white space is
 * Unicode's {@code White_Space} property (space, tab, line ends, no-break spaces, the ideographic
 * space, ...): the words {@code wc -w} and Python's {@code str.split()} count, whatever the script.
 * Scripts written without spaces (Chinese, Japanese, Thai) therefore have few, long words, and their
 * tokens per word say little. Bytes are the UTF-8 encoding, an unpaired surrogate counting the three
 * bytes a tokenizer encodes it to (WTF-8).
 *
 * <pre>{@code
 * TextCounts c = TextCounts.of("Hello, wide world");   // 17 characters, 3 words, 17 bytes
 * }</pre>
 *
 * @param characters Unicode code points; an unpaired surrogate counts as one
 * @param words maximal runs of non-white-space code points
 * @param bytes UTF-8 bytes
 */
public record TextCounts(long characters, long words, long bytes) {

  /** Counts {@code text}. */
  public static TextCounts of(String text) {
    long characters = 0;
    long words = 0;
    long bytes = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      characters++;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      boolean space = isWhiteSpace(cp);
      if (!space && !inWord) words++;
      inWord = !space;
    }
    return new TextCounts(characters, words, bytes);
  }

  /** Sums two counts. */
  public TextCounts plus(TextCounts other) {
    return new TextCounts(characters + other.characters, words + other.words, bytes + other.bytes);
  }

  /**
   * Unicode's {@code White_Space} property (PropList.txt, unchanged since Unicode 6.3). Java's
   * {@code Character.isWhitespace} leaves out the no-break spaces, which do separate words.
   */
  static boolean isWhiteSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D)
        || cp == 0x20
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }
}
