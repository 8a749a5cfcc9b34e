package dev.toksmith.core.pretokenizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.core.reference.HfReference;
import dev.toksmith.core.text.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every regex that {@link SplitPatterns} runs with a hand-written scanner, checked against {@code
 * java.util.regex} running that very text (on characters whose classes Unicode 13, the JDK's version,
 * and Unicode 16 agree on) and against Hugging Face's Oniguruma through DJL (on characters assigned up
 * to Unicode 16 and after).
 */
class ExactSplitPatternsTest {
  /** Characters and strings whose classes are the same in Unicode 13 and 16, covering every class the patterns test. */
  private static final String[] STABLE = {
    "a", "z", "Z", "é", "E\u0301", "ß", "Ω", "ж", "Ж", "ǅ", "ʰ", "ー", "ع", "א", "क", "ि", "த", "ไ", "中", "한", "ა", "Ა", "𝐀", "𝐚",
    "\u0301", "\u0903", "\u20DD", "\u093F", "\u0308",
    "0", "7", "٣", "²", "Ⅷ", "½", "𝟘", "12", "1234",
    "'", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'Ve", "'M", "'LL", "'lL", "'D", "'ſ", "'x", "’s", "ſ", "K", "ı", "İ",
    " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", " \n", "\u00A0", "\u2003", "\u3000", "\u0085", "\u000B", "\u000C", "\u200B", "\u180E", "\u2028",
    ".", ",", "!", "?", "-", "_", "/", "//", "@", "#", "(", ")", "«", "“", "—", "$",
    "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "\u0000", "\u007F", "\uFEFF", "\uFFFD",
    "Hello", "HELLO", "hello", "helloWorld", "HTTPServer", "McDonald's", "DON'T", "ǅungla",
  };

  /** Unpaired surrogates: classless, so "other" for every pattern (Hugging Face cannot take them). */
  private static final String[] SURROGATES = {"\uD800", "\uDC00", "a\uDBFF", "\uDFFF "};

  /** Characters assigned after Unicode 13 (letters, marks, numbers of Unicode 14, 15, 16) and one of Unicode 17. */
  private static final String[] NEWER = {
    "\u0870", "\u1C89", "\u1C8A", "\uA7CB", "\uA7D1", "\uD838\uDC30", "\uD803\uDD50", "\uD803\uDD70", "\u1AC1", "\u0897", "\uD807\uDF04",
    "\uD839\uDCF0", "\uD81B\uDD70", "\uD833\uDCF0", "\uD802\uDD40",
  };

  private static List<String> jdk(Pattern pattern, String s) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(s);
    while (m.find()) out.add(s.substring(m.start(), m.end()));
    return out;
  }

  private static List<String> scanner(SplitPattern pattern, String s) {
    List<String> out = new ArrayList<>();
    pattern.findMatches(s, (start, end) -> out.add(s.substring(start, end)));
    return out;
  }

  private static List<String> randomTexts(long seed, int count, String[]... atomSets) {
    List<String> atoms = new ArrayList<>();
    for (String[] set : atomSets) atoms.addAll(List.of(set));
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(14);
      for (int k = 0; k < n; k++) sb.append(atoms.get(random.nextInt(atoms.size())));
      texts.add(sb.toString());
    }
    return texts;
  }

  private static String show(String s) {
    return s.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
  }

  /** The JDK reads every registered text as tiktoken does (possessive {@code {1,3}+} included). */
  @Test
  void everyScannerMatchesTheJdkRunningItsRegex() {
    List<String> texts = randomTexts(7, 20_000, STABLE, SURROGATES);
    Map<String, SplitPattern> all = new java.util.HashMap<>(SplitPatterns.EXACT);
    all.putAll(SplitPatterns.TIKTOKEN_EXACT);
    for (Map.Entry<String, SplitPattern> exact : all.entrySet()) {
      Pattern jdk = Pattern.compile(exact.getKey(), Pattern.UNICODE_CHARACTER_CLASS);
      for (String s : texts) {
        assertEquals(jdk(jdk, s), scanner(exact.getValue(), s), () -> exact.getKey() + "\ntext: " + show(s));
      }
    }
  }

  @Test
  void everyScannerMatchesHuggingFaceRunningItsRegex() {
    List<String> texts = randomTexts(11, 4_000, STABLE, NEWER);
    for (Map.Entry<String, SplitPattern> exact : SplitPatterns.EXACT.entrySet()) {
      String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
          + "\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":{\"Regex\":" + HfReference.quote(exact.getKey()) + "},\"behavior\":\"Isolated\",\"invert\":false},"
          + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}}";
      try (HfReference reference = HfReference.load(json)) {
        List<HfReference.Encoded> encoded = reference.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
          String s = texts.get(i);
          HfReference.Encoded pieces = encoded.get(i);
          List<String> expected = new ArrayList<>();
          for (int t = 0; t < pieces.starts().length; t++) expected.add(s.substring(pieces.starts()[t], pieces.ends()[t]));
          assertEquals(expected, isolated(exact.getValue(), s), () -> exact.getKey() + "\ntext: " + show(s));
        }
      }
    }
  }

  /** The pieces of Split's Isolated behaviour: every match and every gap between them (DeepSeek's pattern leaves gaps). */
  private static List<String> isolated(SplitPattern pattern, String s) {
    List<String> out = new ArrayList<>();
    int[] previous = {0};
    pattern.findMatches(s, (start, end) -> {
      if (previous[0] < start) out.add(s.substring(previous[0], start));
      out.add(s.substring(start, end));
      previous[0] = end;
    });
    if (previous[0] < s.length()) out.add(s.substring(previous[0]));
    return out;
  }

  /** Bytes that are not UTF-8: stray continuations, truncated and overlong sequences, surrogates, bytes never used. */
  private static final byte[][] INVALID = {
    {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC3}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xC0, (byte) 0x80},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, {(byte) 0xF5}, {(byte) 0xFF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
  };

  /**
   * Random bytes, valid UTF-8 of {@code atoms} and {@link #INVALID} bytes mixed, with the text {@link
   * Utf8#decodeEscaped} makes of them and the character each byte (and the end) falls in.
   */
  private record RawText(byte[] raw, String text, int[] charOfByte) {
    static RawText random(Random random, List<String> atoms) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      for (int k = random.nextInt(12); k > 0; k--) {
        if (random.nextInt(3) == 0) bytes.writeBytes(INVALID[random.nextInt(INVALID.length)]);
        else bytes.writeBytes(atoms.get(random.nextInt(atoms.size())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      byte[] raw = bytes.toByteArray();
      String text = Utf8.decodeEscaped(raw, 0, raw.length);
      int[] charOfByte = new int[raw.length + 1];
      Utf8.encode(text, 0, text.length(), true, new byte[Utf8.maxBytes(text.length())], 0, charOfByte);
      charOfByte[raw.length] = text.length();
      return new RawText(raw, text, charOfByte);
    }
  }

  /**
   * On raw bytes each byte outside valid UTF-8 is a character of its own outside every class: the
   * scanners find what the JDK finds in the text {@link Utf8#decodeEscaped} makes of the bytes.
   */
  @Test
  void everyScannerReadsInvalidBytesAsTheEscapedText() {
    Random random = new Random(13);
    List<String> atoms = new ArrayList<>(List.of(STABLE));
    for (int t = 0; t < 8_000; t++) {
      RawText r = RawText.random(random, atoms);
      byte[] raw = r.raw();
      String text = r.text();
      int[] charOfByte = r.charOfByte();
      Map<String, SplitPattern> all = new java.util.HashMap<>(SplitPatterns.EXACT);
      all.putAll(SplitPatterns.TIKTOKEN_EXACT);
      for (Map.Entry<String, SplitPattern> exact : all.entrySet()) {
        List<String> found = new ArrayList<>();
        exact.getValue().findMatches(raw, 0, raw.length, true, (start, end) -> found.add(text.substring(charOfByte[start], charOfByte[end])));
        assertEquals(jdk(Pattern.compile(exact.getKey(), Pattern.UNICODE_CHARACTER_CLASS), text), found, () -> exact.getKey() + "\ntext: " + show(text));
      }
    }
  }

  /** Regexes that are one character class and a count: scanned as runs, with the class asked of the regex. */
  private static final List<String> CLASS_RUNS = List.of("\\p{N}{1,3}", "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+", "\\s+", "\\p{L}", "[[:punct:]]+",
      "[^\\p{L}\\p{N}]{1,2}", "\\P{L}+", "[a-z&&[^aeiou]]+", "[]x]+", "\\d{1,}", "[\\p{Lu}\\p{M}]+", "\\W");

  @Test
  void classRunsMatchWhatTheRegexMatches() {
    List<String> texts = randomTexts(19, 4_000, STABLE, SURROGATES, NEWER, new String[] {"x", "]", "aeb", "中文", "カタ", "ひら", "!?", "…"});
    for (String regex : CLASS_RUNS) {
      SplitPattern run = SplitPatterns.regex(regex);
      assertEquals(ClassRunPattern.class, run.getClass(), regex);
      SplitPattern reference = RegexPattern.oniguruma(regex);
      for (String s : texts) assertEquals(scanner(reference, s), scanner(run, s), () -> regex + "\ntext: " + show(s));
    }
    for (String other : List.of("a+", "\\p{L}+\\p{N}", "[a-z]*", "[a-z]+?", "[a-z]{2,3}", "[a-z]++", "(?i)[a-z]+", "[a-z]|b", "[a-z", "\\p{L}{1,3}+")) {
      assertEquals(null, ClassRunPattern.of(other), other);
    }
  }

  /**
   * Literal strings and class runs scan raw bytes as the regex engine and String.indexOf read the text
   * {@link Utf8#decodeEscaped} makes of them.
   */
  @Test
  void literalsAndClassRunsReadInvalidBytesAsTheEscapedText() {
    Random random = new Random(23);
    List<String> atoms = new ArrayList<>(List.of(STABLE));
    atoms.addAll(List.of("é", "ab", "😀", "中文"));
    Map<SplitPattern, SplitPattern> checked = new java.util.LinkedHashMap<>();
    for (String literal : List.of(" ", "é", "ab", "😀", "\uD800", "a\u0301")) checked.put(SplitPatterns.literal(literal), SplitPatterns.literal(literal));
    for (String regex : CLASS_RUNS) checked.put(SplitPatterns.regex(regex), RegexPattern.oniguruma(regex));
    for (int t = 0; t < 3_000; t++) {
      RawText r = RawText.random(random, atoms);
      byte[] raw = r.raw();
      String text = r.text();
      int[] charOfByte = r.charOfByte();
      for (var pattern : checked.entrySet()) {
        List<String> found = new ArrayList<>();
        pattern.getKey().findMatches(raw, 0, raw.length, true, (start, end) -> found.add(text.substring(charOfByte[start], charOfByte[end])));
        assertEquals(scanner(pattern.getValue(), text), found, () -> pattern.getKey().scanner() + "\ntext: " + show(text));
      }
    }
  }

  /**
   * The scanners whose matches cover the text answer the questions of the lm's canonicality masks:
   * {@code matchEnd} is the end of the regex's match that starts there, {@code settledEnd} a match start
   * before which the regex's matches stay what they are whatever follows, and the byte forms answer
   * the same in bytes. Other patterns say they cannot tell.
   */
  @Test
  void coveringScannersAnswerMatchEndAndSettledEnd() {
    List<String> texts = randomTexts(29, 2_000, STABLE, SURROGATES);
    List<String> continuations = randomTexts(31, 16, STABLE);
    Map<String, SplitPattern> all = new java.util.HashMap<>(SplitPatterns.EXACT);
    all.putAll(SplitPatterns.TIKTOKEN_EXACT);
    int covering = 0;
    for (Map.Entry<String, SplitPattern> exact : all.entrySet()) {
      SplitPattern pattern = exact.getValue();
      if (!(pattern instanceof CoveringPattern)) {
        assertEquals(-1, pattern.matchEnd("a b", 0), exact.getKey());
        assertEquals(-1, pattern.settledEnd(new byte[] {'a'}, 0, 1, false), exact.getKey());
        continue;
      }
      covering++;
      Pattern jdk = Pattern.compile(exact.getKey(), Pattern.UNICODE_CHARACTER_CLASS);
      long settledChars = 0;
      long chars = 0;
      for (String s : texts) {
        byte[] bytes = Utf8.encode(s);
        int[] byteOfChar = byteOfChar(s, bytes.length);
        List<int[]> matches = spans(jdk, s);
        for (int[] m : matches) {
          assertEquals(m[1], pattern.matchEnd(s, m[0]), () -> exact.getKey() + "\ntext: " + show(s));
          assertEquals(byteOfChar[m[1]], pattern.matchEnd(bytes, byteOfChar[m[0]], bytes.length, false), () -> exact.getKey() + "\ntext: " + show(s));
        }
        int settled = pattern.settledEnd(s);
        assertEquals(byteOfChar[settled], pattern.settledEnd(bytes, 0, bytes.length, false), () -> exact.getKey() + "\ntext: " + show(s));
        List<int[]> kept = matches.stream().filter(m -> m[0] < settled).toList();
        assertTrue(settled == s.length() || matches.stream().anyMatch(m -> m[0] == settled), () -> exact.getKey() + "\ntext: " + show(s));
        for (String w : continuations) {
          List<int[]> longer = spans(jdk, s + w);
          assertTrue(longer.size() >= kept.size(), () -> exact.getKey() + "\ntext: " + show(s) + " + " + show(w));
          for (int i = 0; i < kept.size(); i++) {
            int k = i;
            assertArrayEquals(kept.get(i), longer.get(i), () -> exact.getKey() + "\ntext: " + show(s) + " + " + show(w) + ", match " + k);
          }
        }
        settledChars += settled;
        chars += s.length();
      }
      // Not vacuous: most of a text is settled (only its last match or two can change).
      assertTrue(settledChars > chars / 2, exact.getKey() + ": settled " + settledChars + " of " + chars + " chars");
    }
    assertEquals(9, covering);
    // A character cut off at the end may become a letter: the letters before it, and a space that may prefix it, are not settled.
    byte[] cut = Arrays.copyOf("ab 中".getBytes(java.nio.charset.StandardCharsets.UTF_8), 5);
    assertEquals(2, Cl100kPattern.INSTANCE.settledEnd(cut, 0, cut.length, true));
    assertEquals(0, Cl100kPattern.INSTANCE.settledEnd(cut, 0, 2, true));
    assertEquals(2, Cl100kPattern.INSTANCE.matchEnd(cut, 0, cut.length, true));
  }

  private static List<int[]> spans(Pattern pattern, String s) {
    List<int[]> out = new ArrayList<>();
    Matcher m = pattern.matcher(s);
    while (m.find()) out.add(new int[] {m.start(), m.end()});
    return out;
  }

  /** The byte offset in {@code s}'s WTF-8 where each char starts (the second half of a pair: where the pair does), and {@code n} at the end. */
  private static int[] byteOfChar(String s, int n) {
    int[] charOfByte = new int[n + 1];
    Utf8.encode(s, 0, s.length(), false, new byte[Utf8.maxBytes(s.length())], 0, charOfByte);
    int[] byteOfChar = new int[s.length() + 1];
    for (int b = n - 1; b >= 0; b--) byteOfChar[charOfByte[b]] = b;
    byteOfChar[s.length()] = n;
    return byteOfChar;
  }

  @Test
  void tiktokensCl100kTakesTrailingWhitespaceWhole() {
    assertEquals(List.of("a", "\n", "  "), scanner(Cl100kPattern.INSTANCE, "a\n  "));
    assertEquals(List.of("a", "\n  "), scanner(Cl100kPattern.TIKTOKEN, "a\n  "));
    assertEquals(List.of("a", "\n", " b"), scanner(Cl100kPattern.TIKTOKEN, "a\n b"));
  }

  @Test
  void splitsTheWayTheEncodingsDo() {
    assertEquals(List.of("Hello", ",", " world", "'s", " ", "123", "4", "!!\n\n", "\tfoo"), scanner(Cl100kPattern.INSTANCE, "Hello, world's 1234!!\n\n\tfoo"));
    assertEquals(List.of("DON", "'T", " stop", "'ſ"), scanner(Cl100kPattern.INSTANCE, "DON'T stop'ſ"));
    assertEquals(List.of("Hello", ",", " world's", " HTTPServer", " ", "123", "4"), scanner(O200kPattern.INSTANCE, "Hello, world's HTTPServer 1234"));
    assertEquals(List.of(" //\n/", "x"), scanner(O200kPattern.INSTANCE, " //\n/x"));
  }

  @Test
  void knownRegexesGetTheirScanner() {
    assertSame(Cl100kPattern.TIKTOKEN, SplitPatterns.tiktokenRegex(Cl100kPattern.TIKTOKEN_REGEX));
    assertSame(Cl100kPattern.INSTANCE, SplitPatterns.regex(Cl100kPattern.REGEX));
    assertSame(O200kPattern.INSTANCE, SplitPatterns.regex(O200kPattern.REGEX));
    assertSame(Gpt2Pattern.INSTANCE, SplitPatterns.regex(SplitPatterns.GPT2_TIKTOKEN_REGEX));
  }
}
