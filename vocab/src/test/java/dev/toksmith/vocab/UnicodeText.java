package dev.toksmith.vocab;

import java.util.SplittableRandom;

/**
 * Generated Unicode text for property tests: up to 24 pieces, each ASCII letters, Latin and Indic
 * combining sequences, CJK and kana, an assigned supplementary-plane code point (emoji, CJK extension
 * B, mathematical letters, ...), a ZWJ emoji sequence with variation selectors and skin tones,
 * right-to-left Hebrew and Arabic with their marks and direction marks, digits, white space of every
 * kind, or punctuation. The same random source gives the same text.
 */
final class UnicodeText {
  private static final String[] COMBINING = {"e\u0301", "a\u0308\u0304", "n\u0303", "\u1E9B\u0323", "o\u0328\u0301", "\u0915\u094D\u0937", "\u0E01\u0E34\u0E4A"};
  private static final String[] EMOJI = {"\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
      "\uD83D\uDC4D\uD83C\uDFFD", "\u2764\uFE0F", "\uD83E\uDDD1\uD83C\uDFFE\u200D\uD83D\uDCBB", "\uD83C\uDDE9\uD83C\uDDEA", "#\uFE0F\u20E3"};
  private static final String[] RIGHT_TO_LEFT = {"\u05E9\u05DC\u05D5\u05DD", "\u05D1\u05BC\u05B0\u05E8\u05B5\u05D0\u05E9\u05B4\u05C1\u05D9\u05EA",
      "\u0627\u0644\u0633\u0644\u0627\u0645", "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F", "\u200F\u05D0\u200E", "\u202Babc\u202C", "\u0661\u0662\u0663"};
  private static final String[] SPACE = {" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u2028", ""};
  private static final String[] PUNCTUATION = {".", ",", "!", "'s", "--", "\u2014", "\u00BF", "(", ")", "\""};
  /** How often each kind of piece comes, in the order of {@link #piece}'s cases. */
  private static final int[] WEIGHTS = {6, 2, 2, 2, 2, 2, 2, 4, 1};
  private static final int TOTAL_WEIGHT = java.util.Arrays.stream(WEIGHTS).sum();

  private UnicodeText() {}

  static String generate(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    for (int pieces = random.nextInt(25); pieces > 0; pieces--) piece(random, text);
    return text.toString();
  }

  private static void piece(SplittableRandom random, StringBuilder text) {
    int kind = 0;
    for (int pick = random.nextInt(TOTAL_WEIGHT); pick >= WEIGHTS[kind]; kind++) pick -= WEIGHTS[kind];
    switch (kind) {
      case 0 -> {
        for (int n = 1 + random.nextInt(8); n > 0; n--) text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 'A' + random.nextInt(26)));
      }
      case 1 -> text.append(pick(random, COMBINING));
      case 2 -> {
        for (int n = 1 + random.nextInt(6); n > 0; n--) text.append((char) (random.nextBoolean() ? random.nextInt(0x4E00, 0xA000) : random.nextInt(0x3040, 0x3100)));
      }
      case 3 -> text.appendCodePoint(assignedSupplementary(random));
      case 4 -> text.append(pick(random, EMOJI));
      case 5 -> text.append(pick(random, RIGHT_TO_LEFT));
      case 6 -> {
        for (int n = 1 + random.nextInt(7); n > 0; n--) text.append((char) ('0' + random.nextInt(10)));
      }
      case 7 -> text.append(pick(random, SPACE));
      default -> text.append(pick(random, PUNCTUATION));
    }
  }

  private static int assignedSupplementary(SplittableRandom random) {
    while (true) {
      int cp = random.nextInt(0x10000, 0x110000);
      int type = Character.getType(cp);
      if (type != Character.UNASSIGNED && type != Character.PRIVATE_USE) return cp;
    }
  }

  private static String pick(SplittableRandom random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
