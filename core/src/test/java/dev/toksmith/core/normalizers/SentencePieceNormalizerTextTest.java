package dev.toksmith.core.normalizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.core.unicode.NormalizedString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The training path of SentencePiece's normalizer, {@link SentencePieceNormalizer#normalizedText},
 * gives the text that {@link SentencePieceNormalizer#normalize} (checked against spm_normalize in
 * PrecompiledReferenceTest and the .model fixtures) gives, under every rule and whitespace option;
 * and the bundled rules are SentencePiece's.
 */
class SentencePieceNormalizerTextTest {
  private static final String SYMBOLS = " \t\u3000\u00a0\u2581\u200b\u0301ａＡ①ﬁé\u0001\r";

  @Test
  void fastPathGivesTheNormalizedText() throws IOException {
    List<String> texts = new ArrayList<>(NormalizerComponentsReferenceTest.EDGE_STRINGS);
    texts.addAll(List.of("", " ", "   ", "  leading and   inner   spaces  ", "a", " a", "a ", "\u3000x\u3000\u3000y\u3000", "ﬁ ﬁ", "\u0001 \u0001", "x\u2581 y"));
    try (InputStream in = getClass().getResourceAsStream("precompiled/spm-input.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) texts.add(line);
    }
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 300; i++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) s.append(random.nextBoolean() ? (char) ('a' + random.nextInt(3)) : SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
      texts.add(s.toString());
    }
    for (String rule : NormalizationRules.NAMES) {
      for (int options = 0; options < 16; options++) {
        boolean prefix = (options & 1) != 0;
        boolean remove = (options & 2) != 0;
        boolean escape = (options & 4) != 0;
        boolean suffix = (options & 8) != 0;
        SentencePieceNormalizer normalizer = new SentencePieceNormalizer(NormalizationRules.charsmap(rule), List.of("<sep>", "ﬁ"), prefix, remove, escape, suffix);
        for (String text : texts) {
          NormalizedString expected = new NormalizedString(text, 0);
          normalizer.normalize(expected);
          assertEquals(expected.get(), normalizer.normalizedText(text), () -> rule + " options " + prefix + remove + escape + suffix + " on '" + text + "' " + text.codePoints().mapToObj(Integer::toHexString).toList());
        }
      }
    }
  }

  @Test
  void rulesAreKnownByName() {
    assertNull(NormalizationRules.charsmap("identity"));
    for (String rule : NormalizationRules.NAMES) assertEquals(rule, NormalizationRules.nameOf(NormalizationRules.charsmap(rule)));
    assertThrows(IllegalArgumentException.class, () -> NormalizationRules.charsmap("nfc"));
    // Spot checks of what SentencePiece's rules do: NFKC, NMT's spaces and controls, case folding.
    SentencePieceNormalizer nmt = new SentencePieceNormalizer(NormalizationRules.charsmap("nmt_nfkc"), List.of(), false, false, false, false);
    assertEquals("fi x y AB", nmt.normalizedText("ﬁ\u3000x\ty\u0001 ＡＢ"));
    SentencePieceNormalizer folded = new SentencePieceNormalizer(NormalizationRules.charsmap("nfkc_cf"), List.of(), false, false, false, false);
    assertEquals("straße ab", folded.normalizedText("STRAßE ＡＢ"));
  }
}
