package dev.toksmith.core.unicode;

import static dev.toksmith.core.unicode.NormalizationData.COMBINING_CLASS;
import static dev.toksmith.core.unicode.NormalizationData.COMPATIBILITY_DIFFERS;
import static dev.toksmith.core.unicode.NormalizationData.COMPOSITION_SECOND;
import static dev.toksmith.core.unicode.NormalizationData.DECOMPOSES;

import dev.toksmith.core.text.Utf8Chars;
import java.util.Arrays;

/**
 * The Unicode normalization forms exactly as Hugging Face's {@code NormalizedString::nfd/nfkd/nfc/nfkc}
 * compute them with {@code unicode-normalization-alignments} 0.1.12: Unicode 9.0 data (see
 * {@link NormalizationData}) and that crate's way of reporting, for every output character, how it
 * relates to the input (the changes {@link NormalizedString#transform} takes):
 *
 * <ol>
 *   <li>Decomposition: each input character becomes its full decomposition (Hangul syllables
 *       algorithmically); the first piece gets change 0 and every further piece change 1.
 *   <li>Reordering: each maximal run of non-starters is stably sorted by combining class; a change
 *       travels with its character.
 *   <li>Composition (NFC, NFKC): the crate's composer, where absorbing a character of change {@code c}
 *       into the composee of change {@code k} leaves the composite with change {@code k + c - 1}.
 * </ol>
 *
 * <p>Lone surrogates stay as they are and behave as starters. Text that cannot change is detected in one
 * pass without allocating and is left untouched, as is text whose normalization turns out to be the
 * identity.
 */
public final class UnicodeNormalization {
  /** A normalization form. */
  public enum Form {
    NFD(false, false, NormalizationData.STABLE_NFD),
    NFKD(true, false, NormalizationData.STABLE_NFKD),
    NFC(false, true, NormalizationData.STABLE_NFC),
    NFKC(true, true, NormalizationData.STABLE_NFKC);

    final boolean compatible;
    final boolean composes;
    final int stableBit;

    Form(boolean compatible, boolean composes, int stableBit) {
      this.compatible = compatible;
      this.composes = composes;
      this.stableBit = stableBit;
    }
  }

  private UnicodeNormalization() {}

  /**
   * Whether {@code cp} is a combining mark (General_Category Mn, Mc or Me) in the Unicode 9.0 tables
   * of {@code unicode-normalization-alignments}, which Hugging Face's StripAccents removes.
   */
  public static boolean isCombiningMark(int cp) {
    return cp >= 0x80 && cp <= Character.MAX_CODE_POINT && (NormalizationData.get().info(cp) & NormalizationData.COMBINING_MARK) != 0;
  }

  /** The canonical combining class of {@code cp} in the Unicode 9.0 data (0 for a starter). */
  public static int combiningClass(int cp) {
    return cp < 0 || cp > Character.MAX_CODE_POINT ? 0 : NormalizationData.get().info(cp) & COMBINING_CLASS;
  }

  /** Normalizes {@code text} to {@code form} in place, keeping its alignment as Hugging Face does. */
  public static void normalize(NormalizedString text, Form form) {
    String s = text.get();
    CodePoints out = normalized(s, form);
    if (out == null || out.isIdentityOf(s)) return;
    text.transform(out.codePoints, out.changes, out.size);
  }

  /** {@code s} in {@code form}: the text {@link #normalize(NormalizedString, Form)} leaves, without alignment. */
  public static String normalize(String s, Form form) {
    CodePoints out = normalized(s, form);
    return out == null ? s : new String(out.codePoints, 0, out.size);
  }

  /** The normalized code points of {@code s} with their changes, or null when no character can change. */
  private static CodePoints normalized(String s, Form form) {
    int restart = restartPoint(s, form);
    if (restart < 0) return null;
    CodePoints out = new CodePoints(s.length() + 16);
    for (int i = 0; i < restart; ) {
      int cp = s.codePointAt(i);
      out.add(cp, 0, 0);
      i += Character.charCount(cp);
    }
    CodePoints decomposed = decompose(s, restart, form.compatible, form.composes ? new CodePoints(s.length() - restart + 16) : out);
    if (form.composes) compose(decomposed, out);
    return out;
  }

  /**
   * Whether {@code form} leaves the UTF-8 text {@code utf8[from, to)} unchanged because every
   * character in it is stable (the quick check {@link #normalize} starts with); raw bytes with {@code
   * raw}, read as {@link Utf8Chars} reads them (an invalid byte, read as a lone surrogate, is stable).
   */
  public static boolean isStable(byte[] utf8, int from, int to, boolean raw, Form form) {
    NormalizationData data = null;
    for (int i = from; i < to; ) {
      if (utf8[i] >= 0) {
        i++;
        continue;
      }
      if (data == null) data = NormalizationData.get();
      int c = Utf8Chars.at(utf8, i, to, raw);
      if ((data.info(Utf8Chars.codePoint(c)) & form.stableBit) == 0) return false;
      i += Utf8Chars.length(c);
    }
    return true;
  }

  /**
   * Where normalization must start: -1 when every character is stable (the text cannot change),
   * otherwise the start of the last stable character before the first unstable one, or 0. Everything
   * before that point comes out unchanged whatever follows.
   */
  private static int restartPoint(CharSequence s, Form form) {
    NormalizationData data = null;
    int previous = 0;
    for (int i = 0, n = s.length(); i < n; ) {
      char c = s.charAt(i);
      int cp = c;
      if (c >= 0x80) {
        if (data == null) data = NormalizationData.get();
        cp = Character.codePointAt(s, i);
        if ((data.info(cp) & form.stableBit) == 0) return previous;
      }
      previous = i;
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** Appends the canonically ordered decomposition of {@code s} from {@code from} to {@code out}. */
  private static CodePoints decompose(String s, int from, boolean compatible, CodePoints out) {
    NormalizationData data = NormalizationData.get();
    int[] pool = data.pool();
    int decomposes = compatible ? DECOMPOSES | COMPATIBILITY_DIFFERS : DECOMPOSES;
    int runStart = out.size; // first non-starter after the last starter
    for (int i = from, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int info = data.info(cp);
      if ((info & decomposes) == 0) {
        runStart = push(out, runStart, cp, 0, info & COMBINING_CLASS);
      } else if (Hangul.isSyllable(cp)) {
        runStart = push(out, runStart, Hangul.leadingConsonant(cp), 0, 0);
        runStart = push(out, runStart, Hangul.vowel(cp), 1, 0);
        int trailing = Hangul.trailingConsonant(cp);
        if (trailing >= 0) runStart = push(out, runStart, trailing, 1, 0);
      } else {
        int decomposition = data.decomposition(cp, info, compatible);
        int offset = NormalizationData.offset(decomposition);
        for (int k = 0, length = NormalizationData.length(decomposition); k < length; k++) {
          int piece = pool[offset + k];
          runStart = push(out, runStart, piece, k == 0 ? 0 : 1, data.info(piece) & COMBINING_CLASS);
        }
      }
    }
    sortRun(out, runStart);
    return out;
  }

  /** Appends one decomposed character; a starter first puts the run of non-starters before it in order. */
  private static int push(CodePoints out, int runStart, int cp, int change, int combiningClass) {
    if (combiningClass == 0) {
      sortRun(out, runStart);
      out.add(cp, change, 0);
      return out.size;
    }
    out.add(cp, change, combiningClass);
    return runStart;
  }

  /** Stable insertion sort by combining class of the non-starters from {@code runStart} to the end. */
  private static void sortRun(CodePoints out, int runStart) {
    for (int i = runStart + 1; i < out.size; i++) {
      int cls = out.classes[i];
      int j = i;
      if (out.classes[j - 1] <= cls) continue;
      int cp = out.codePoints[i];
      int change = out.changes[i];
      do {
        out.codePoints[j] = out.codePoints[j - 1];
        out.changes[j] = out.changes[j - 1];
        out.classes[j] = out.classes[j - 1];
        j--;
      } while (j > runStart && out.classes[j - 1] > cls);
      out.codePoints[j] = cp;
      out.changes[j] = change;
      out.classes[j] = cls;
    }
  }

  /**
   * The crate's composer: a starter becomes the composee; each following character composes with it
   * unless blocked (a character in between of the same or a higher combining class, or a starter);
   * blocked characters wait in a buffer that is emitted after the composee when the next starter that
   * does not compose arrives. Non-starters before the first starter pass straight through.
   */
  private static void compose(CodePoints in, CodePoints out) {
    NormalizationData data = NormalizationData.get();
    boolean hasComposee = false;
    int composee = 0;
    int composeeChange = 0;
    int lastClass = -1; // class of the last blocked character, -1 while none waits
    CodePoints blocked = new CodePoints(8);
    for (int i = 0; i < in.size; i++) {
      int cp = in.codePoints[i];
      int change = in.changes[i];
      int cls = in.classes[i];
      if (!hasComposee) {
        if (cls != 0) {
          out.add(cp, change, cls);
        } else {
          hasComposee = true;
          composee = cp;
          composeeChange = change;
        }
        continue;
      }
      if (lastClass < 0 || lastClass < cls) {
        int composite = (data.info(cp) & COMPOSITION_SECOND) != 0 ? data.compose(composee, cp) : -1;
        if (composite >= 0) {
          composee = composite;
          composeeChange += change - 1;
          continue;
        }
        if (lastClass < 0 && cls == 0) {
          out.add(composee, composeeChange, 0);
          composee = cp;
          composeeChange = change;
          continue;
        }
        blocked.add(cp, change, cls);
        lastClass = cls;
      } else if (cls == 0) {
        out.add(composee, composeeChange, 0);
        out.addAll(blocked);
        blocked.size = 0;
        composee = cp;
        composeeChange = change;
        lastClass = -1;
      } else {
        blocked.add(cp, change, cls);
        lastClass = cls;
      }
    }
    if (hasComposee) out.add(composee, composeeChange, 0);
    out.addAll(blocked);
  }

  /** A growable list of (code point, change, combining class). */
  private static final class CodePoints {
    int[] codePoints;
    int[] changes;
    int[] classes;
    int size;

    CodePoints(int capacity) {
      codePoints = new int[capacity];
      changes = new int[capacity];
      classes = new int[capacity];
    }

    void add(int cp, int change, int combiningClass) {
      if (size == codePoints.length) {
        int capacity = size * 2 + 16;
        codePoints = Arrays.copyOf(codePoints, capacity);
        changes = Arrays.copyOf(changes, capacity);
        classes = Arrays.copyOf(classes, capacity);
      }
      codePoints[size] = cp;
      changes[size] = change;
      classes[size] = combiningClass;
      size++;
    }

    void addAll(CodePoints other) {
      for (int i = 0; i < other.size; i++) add(other.codePoints[i], other.changes[i], other.classes[i]);
    }

    /** Whether these are exactly the code points of {@code s}, each with change 0. */
    boolean isIdentityOf(String s) {
      int k = 0;
      for (int i = 0, n = s.length(); i < n; k++) {
        int cp = s.codePointAt(i);
        if (k >= size || codePoints[k] != cp || changes[k] != 0) return false;
        i += Character.charCount(cp);
      }
      return k == size;
    }
  }
}
