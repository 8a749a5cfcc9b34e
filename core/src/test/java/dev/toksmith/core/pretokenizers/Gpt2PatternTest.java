package dev.toksmith.core.pretokenizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written GPT-2 scanner against {@code java.util.regex} running the same pattern. The JDK's
 * tables are Unicode 13, so the strings use characters whose class is the same in Unicode 13 and 16;
 * characters assigned later are covered by the comparison with Hugging Face itself.
 */
class Gpt2PatternTest {
  private static final Pattern JDK = Pattern.compile(Gpt2Pattern.REGEX, Pattern.UNICODE_CHARACTER_CLASS);

  private static final String[] ATOMS = {
    "a", "Z", "é", "e\u0301", "ß", "Ω", "ж", "ع", "א", "क", "ি", "த", "ไ", "中", "語", "ㄱ", "한", "ა", "Ա", "ሰ",
    "0", "7", "٣", "²", "Ⅷ", "½", "𝟘",
    "'", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'x", "’s",
    " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u3000", "\u0085", "\u000B", "\u200B", "\u180E",
    ".", ",", "!", "?", "-", "_", "@", "#", "$", "(", ")", "«", "»", "“", "—",
    "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "\uD800", "\uDC00", "\u0000", "\u007F", "\uFEFF", "\uFFFD",
  };

  private static List<String> jdk(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = JDK.matcher(s);
    while (m.find()) out.add(s.substring(m.start(), m.end()));
    return out;
  }

  private static List<String> scanner(String s) {
    List<String> out = new ArrayList<>();
    Gpt2Pattern.INSTANCE.findMatches(s, (start, end) -> out.add(s.substring(start, end)));
    return out;
  }

  @Test
  void matchesTheJdkRegexOnRandomText() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int atoms = random.nextInt(12);
      for (int k = 0; k < atoms; k++) sb.append(ATOMS[random.nextInt(ATOMS.length)]);
      String s = sb.toString();
      assertEquals(jdk(s), scanner(s), () -> "text: " + s.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
    }
  }

  @Test
  void splitsTheWayGpt2Does() {
    assertEquals(List.of("Hello", ",", " world", "'s", " 1234", "!!", "  ", " x", "\n\n"), scanner("Hello, world's 1234!!   x\n\n"));
    assertEquals(List.of("don", "'t", " stop"), scanner("don't stop"));
    assertEquals(List.of("a", " ", " b"), scanner("a  b"));
    assertEquals(List.of("  ", " hello"), scanner("   hello"));
  }
}
