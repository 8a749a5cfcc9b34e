package dev.toksmith.core.normalizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.toksmith.core.unicode.NormalizedString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the reference cannot show: Java strings with lone surrogates, and text left untouched. */
class UnicodeNormalizersTest {
  private static final List<Normalizer> ALL = List.of(Nfc.INSTANCE, Nfd.INSTANCE, Nfkc.INSTANCE, Nfkd.INSTANCE, Lowercase.INSTANCE);

  /** A lone surrogate is a starter of its own: nothing composes or reorders across it. */
  @Test
  void loneSurrogatesPassThroughAsStarters() {
    for (Normalizer normalizer : ALL) {
      for (String text : List.of("\uD800", "\uDC00", "e\uD800\u0301", "\uDFFFx", "a\u0345\uDC00\u0334")) {
        NormalizedString normalized = new NormalizedString(text, 7);
        normalizer.normalize(normalized);
        assertEquals(text, normalized.get(), normalizer.getClass().getSimpleName());
        for (int i = 0; i < text.length(); i++) {
          assertEquals(7 + i, normalized.originalStart(i));
          assertEquals(8 + i, normalized.originalEnd(i));
        }
      }
    }
  }

  @Test
  void asciiIsLeftUntouched() {
    assertUntouched(ALL, "plain ascii, 123! \t\n~");
  }

  @Test
  void composedTextIsLeftUntouchedByTheComposingForms() {
    assertUntouched(List.of(Nfc.INSTANCE, Nfkc.INSTANCE, Lowercase.INSTANCE), "caf\u00e9 \u4e2d\u6587 \ud55c\uad6d\uc5b4 \ud83d\ude00");
  }

  @Test
  void decomposedTextIsLeftUntouchedByTheDecomposingForms() {
    assertUntouched(List.of(Nfd.INSTANCE, Nfkd.INSTANCE), "cafe\u0301 \u4e2d\u6587 \u1112\u1161\u11ab \ud83d\ude00");
  }

  /** The very string object comes back: no alignment was built for it. */
  private static void assertUntouched(List<Normalizer> normalizers, String text) {
    for (Normalizer normalizer : normalizers) {
      NormalizedString normalized = new NormalizedString(text, 0);
      normalizer.normalize(normalized);
      assertSame(text, normalized.get(), normalizer.getClass().getSimpleName());
    }
  }
}
