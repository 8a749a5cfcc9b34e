package dev.toksmith.core.unicode;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Lowercasing exactly as Hugging Face's {@code NormalizedString::lowercase}: Rust's
 * {@code char::to_lowercase} on every character independently, with the Unicode 17.0 data of the Rust
 * build behind the reference. That is the full lowercase mapping without any context: final sigma is
 * not special, U+0130 becomes U+0069 U+0307. The first character of a mapping replaces the input
 * character (change 0), further ones are inserted after it (change 1). Lone surrogates stay as they are.
 */
public final class CaseMapping {
  /** Big-endian: the {@link CodePointTable} {@link #LOWERCASE}, then {@link #POOL} as an int count and ints. */
  static final String LOWERCASE_RESOURCE = "lowercase.bin";

  /**
   * Per code point, 0 when it lowercases to itself, otherwise 1 + the offset in {@link #POOL} of its
   * mapping, stored as a length followed by the code points.
   */
  private static final CodePointTable LOWERCASE;

  private static final int[] POOL;

  static {
    try (DataInputStream in = CodePointTable.openResource(LOWERCASE_RESOURCE)) {
      LOWERCASE = CodePointTable.read(in);
      POOL = CodePointTable.readInts(in, in.readInt());
      CodePointTable.requireEnd(in, LOWERCASE_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + LOWERCASE_RESOURCE, e);
    }
  }

  private CaseMapping() {}

  /** Whether {@code cp} lowercases to something else. */
  public static boolean changes(int cp) {
    return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : cp <= Character.MAX_CODE_POINT && LOWERCASE.get(cp) != 0;
  }

  /** Lowercases {@code text} in place; text without any character to change is left untouched. */
  public static void lowercase(NormalizedString text) {
    String s = text.get();
    int firstChange = firstChange(s);
    if (firstChange == s.length()) return;
    Mapped out = map(s);
    text.transform(out.codePoints, out.changes, out.count);
  }

  /** {@code s} lowercased: the text {@link #lowercase(NormalizedString)} leaves, without alignment. */
  public static String lowercase(String s) {
    if (firstChange(s) == s.length()) return s;
    Mapped out = map(s);
    return new String(out.codePoints, 0, out.count);
  }

  /** The index of the first character that lowercasing changes, or the length. */
  private static int firstChange(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && !changes(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
    return i;
  }

  private record Mapped(int[] codePoints, int[] changes, int count) {}

  private static Mapped map(String s) {
    int n = s.length();
    int[] codePoints = new int[n + 8];
    int[] changes = new int[codePoints.length];
    int count = 0;
    for (int i = 0; i < n; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int mapping = LOWERCASE.get(cp);
      int length = mapping == 0 ? 1 : POOL[mapping - 1];
      if (count + length > codePoints.length) {
        codePoints = Arrays.copyOf(codePoints, codePoints.length * 2 + length);
        changes = Arrays.copyOf(changes, codePoints.length);
      }
      if (mapping == 0) {
        codePoints[count++] = cp;
        continue;
      }
      for (int k = 0; k < length; k++) {
        codePoints[count] = POOL[mapping + k];
        changes[count++] = k == 0 ? 0 : 1;
      }
    }
    return new Mapped(codePoints, changes, count);
  }
}
