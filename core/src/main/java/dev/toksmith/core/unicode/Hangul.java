package dev.toksmith.core.unicode;

/**
 * Hangul syllable arithmetic (Unicode section 3.12), which normalization computes instead of looking up,
 * as unicode-normalization-alignments does.
 */
final class Hangul {
  static final int S_BASE = 0xAC00;
  static final int L_BASE = 0x1100;
  static final int V_BASE = 0x1161;
  /** One before the first trailing consonant: {@code T_BASE + t} is trailing consonant {@code t >= 1}. */
  static final int T_BASE = 0x11A7;
  static final int L_COUNT = 19;
  static final int V_COUNT = 21;
  static final int T_COUNT = 28;
  static final int N_COUNT = V_COUNT * T_COUNT;
  static final int S_COUNT = L_COUNT * N_COUNT;

  private Hangul() {}

  static boolean isSyllable(int cp) {
    return cp >= S_BASE && cp < S_BASE + S_COUNT;
  }

  static int leadingConsonant(int syllable) {
    return L_BASE + (syllable - S_BASE) / N_COUNT;
  }

  static int vowel(int syllable) {
    return V_BASE + ((syllable - S_BASE) % N_COUNT) / T_COUNT;
  }

  /** The trailing consonant of a syllable, or -1 for an LV syllable. */
  static int trailingConsonant(int syllable) {
    int t = (syllable - S_BASE) % T_COUNT;
    return t == 0 ? -1 : T_BASE + t;
  }

  /**
   * The syllable a leading consonant and a vowel, or an LV syllable and a trailing consonant, make; -1
   * for any other pair. U+11A7 (T_BASE itself) is no trailing consonant and composes with nothing.
   */
  static int compose(int first, int second) {
    int l = first - L_BASE;
    int v = second - V_BASE;
    if (l >= 0 && l < L_COUNT && v >= 0 && v < V_COUNT) return S_BASE + (l * V_COUNT + v) * T_COUNT;
    int s = first - S_BASE;
    int t = second - T_BASE;
    if (s >= 0 && s < S_COUNT && s % T_COUNT == 0 && t > 0 && t < T_COUNT) return first + t;
    return -1;
  }
}
