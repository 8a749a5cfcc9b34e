package dev.toksmith.core.unicode;

/**
 * Extended grapheme clusters (UAX #29) as the {@code unicode-segmentation} crate 1.12.0 finds them, with
 * its Unicode 16.0 data, for Hugging Face's Precompiled normalizer. JDK 17's {@code BreakIterator} has
 * older rules and data (Unicode 13, no Indic conjunct rule GB9c), hence this implementation.
 *
 * <p>Lone surrogates, which Rust strings cannot hold, are treated as Other (the crate's Any).
 */
public final class GraphemeClusters {
  static final String RESOURCE = "grapheme-cluster-break.bin";

  // Table bits 0-3: Grapheme_Cluster_Break.
  static final int OTHER = 0;
  static final int CR = 1;
  static final int LF = 2;
  static final int CONTROL = 3;
  static final int EXTEND = 4;
  static final int ZWJ = 5;
  static final int REGIONAL_INDICATOR = 6;
  static final int PREPEND = 7;
  static final int SPACING_MARK = 8;
  static final int L = 9;
  static final int V = 10;
  static final int T = 11;
  static final int LV = 12;
  static final int LVT = 13;
  private static final int BREAK_MASK = 0xF;
  /** Table bit: Extended_Pictographic. */
  static final int EXTENDED_PICTOGRAPHIC = 1 << 4;
  /** Table bits 5-6: Indic_Conjunct_Break, none or one of these. */
  static final int CONJUNCT_CONSONANT = 1 << 5;
  static final int CONJUNCT_EXTEND = 2 << 5;
  static final int CONJUNCT_LINKER = 3 << 5;
  private static final int CONJUNCT_MASK = 3 << 5;

  private static final CodePointTable TABLE = CodePointTable.readResource(RESOURCE);

  private GraphemeClusters() {}

  /** Where the cluster that starts at UTF-16 index {@code from} of {@code text} ends. */
  public static int clusterEnd(CharSequence text, int from) {
    int n = text.length();
    int cp = Character.codePointAt(text, from);
    int i = from + Character.charCount(cp);
    int before = properties(cp);
    // Rule state for the text so far in this cluster: GB11's "ExtPict Extend*" (1) and "... ZWJ" (2);
    // GB9c's "Consonant [Extend Linker]*" (1) and the same with a Linker in it (2); GB12/13's run of RIs.
    int emoji = 0;
    int conjunct = 0;
    int regionalIndicators = 0;
    while (true) {
      emoji = nextEmojiState(emoji, before);
      conjunct = nextConjunctState(conjunct, before);
      regionalIndicators = (before & BREAK_MASK) == REGIONAL_INDICATOR ? regionalIndicators + 1 : 0;
      if (i >= n) return n;
      cp = Character.codePointAt(text, i);
      int after = properties(cp);
      if (isBoundary(before, after, emoji, conjunct, regionalIndicators)) return i;
      i += Character.charCount(cp);
      before = after;
    }
  }

  private static int properties(int cp) {
    return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE ? OTHER : TABLE.get(cp);
  }

  private static int nextEmojiState(int state, int properties) {
    if ((properties & EXTENDED_PICTOGRAPHIC) != 0) return 1;
    int breakValue = properties & BREAK_MASK;
    if (state == 1 && breakValue == EXTEND) return 1;
    if (state == 1 && breakValue == ZWJ) return 2;
    return 0;
  }

  private static int nextConjunctState(int state, int properties) {
    int conjunct = properties & CONJUNCT_MASK;
    if (conjunct == CONJUNCT_CONSONANT) return 1;
    if (state != 0 && conjunct == CONJUNCT_LINKER) return 2;
    if (state != 0 && conjunct == CONJUNCT_EXTEND) return state;
    return 0;
  }

  private static boolean isBoundary(int before, int after, int emoji, int conjunct, int regionalIndicators) {
    int b = before & BREAK_MASK;
    int a = after & BREAK_MASK;
    if (b == CR && a == LF) return false; // GB3
    if (b == CONTROL || b == CR || b == LF) return true; // GB4
    if (a == CONTROL || a == CR || a == LF) return true; // GB5
    if (b == L && (a == L || a == V || a == LV || a == LVT)) return false; // GB6
    if ((b == LV || b == V) && (a == V || a == T)) return false; // GB7
    if ((b == LVT || b == T) && a == T) return false; // GB8
    if (a == EXTEND || a == ZWJ || a == SPACING_MARK) return false; // GB9, GB9a
    if (b == PREPEND) return false; // GB9b
    if (conjunct == 2 && (after & CONJUNCT_MASK) == CONJUNCT_CONSONANT) return false; // GB9c
    if (emoji == 2 && (after & EXTENDED_PICTOGRAPHIC) != 0) return false; // GB11
    if (b == REGIONAL_INDICATOR && a == REGIONAL_INDICATOR) return regionalIndicators % 2 == 0; // GB12, GB13
    return true; // GB999
  }
}
