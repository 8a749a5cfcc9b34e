package dev.toksmith.core.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Normalization;
import dev.toksmith.core.normalizers.Normalizers;
import java.util.List;
import org.junit.jupiter.api.Test;

class Kl3mCustomTokensTest {
  @Test
  void familiesHoldTheKl3mRanges() {
    List<String> f = Kl3mCustomTokens.families();
    for (String t : List.of("  ", "\t\t\t\t\t\t\t\t", "\r\n", "\t ", "##", "https://", "<div", "</div>", " href=\"", "{\"", "<![CDATA[",
        "........", "~~", "1776", "2049", "(a)", "(Z)", "(1)", "(99)", "(ix)", "(IX)", "10", "999")) {
      assertTrue(f.contains(t), t);
    }
    for (String t : List.of("1775", "2050", "(100)", "1000", "         ", ".........")) assertFalse(f.contains(t), t);
  }

  @Test
  void domainTermsGiveTheirWords() {
    assertEquals(List.of("F.", "Supp.", "2d", "U.S."), Kl3mCustomTokens.words(List.of("F. Supp. 2d", "U.S.")));
  }

  @Test
  void finishingNormalizesDeduplicatesSortsByCodePointAndDropsSingleCharacters() {
    List<String> tokens = List.of("<DIV", "<div", "x", "\uD83D\uDE00\uD83D\uDE00", "\uFFFDa", "ab", "ﬁx", "é");
    assertEquals(List.of("<div", "ab", "fix", "\uFFFDa", "\uD83D\uDE00\uD83D\uDE00"),
        Kl3mCustomTokens.finish(tokens, Normalizers.of(List.of(Normalization.NFKC, Normalization.LOWERCASE))));
    assertEquals(List.of("<DIV", "<div", "ab", "ﬁx"), Kl3mCustomTokens.finish(List.of("ﬁx", "ab", "<div", "<DIV"), null));
  }
}
