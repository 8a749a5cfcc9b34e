package dev.toksmith.core.normalizers;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compares the Unicode normalizers and Lowercase with the reference, output text and alignment, on every
 * assigned code point and on sequences built to exercise reordering, composition, Hangul and characters
 * newer than the reference's tables. The inputs are chosen with ICU4J (Unicode 17); only the reference
 * says what the outputs must be.
 */
class NormalizersReferenceTest {
  private static final String SEPARATOR = "\n";

  private static final Map<Case, ReferenceNormalizer> REFERENCES = new EnumMap<>(Case.class);

  enum Case {
    NFC("NFC", Nfc.INSTANCE),
    NFD("NFD", Nfd.INSTANCE),
    NFKC("NFKC", Nfkc.INSTANCE),
    NFKD("NFKD", Nfkd.INSTANCE),
    LOWERCASE("Lowercase", Lowercase.INSTANCE);

    final String referenceType;
    final Normalizer normalizer;

    Case(String referenceType, Normalizer normalizer) {
      this.referenceType = referenceType;
      this.normalizer = normalizer;
    }
  }

  @AfterAll
  static void closeProbes() {
    REFERENCES.values().forEach(ReferenceNormalizer::close);
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void everyAssignedCodePointAlone(Case c) {
    assertAgree(c, assignedCodePoints().mapToObj(Character::toString).toList());
  }

  /** Every character after a starter and a mark of class 240 and before a mark of class 1. */
  @ParameterizedTest
  @EnumSource(value = Case.class, names = {"NFC", "NFD", "NFKC", "NFKD"})
  void everyAssignedCodePointBetweenMarks(Case c) {
    assertAgree(c, assignedCodePoints().mapToObj(cp -> "a\u0345" + Character.toString(cp) + "\u0334").toList());
  }

  /** Every non-starter before and after a mark of every combining class, after a starter. */
  @ParameterizedTest
  @EnumSource(value = Case.class, names = {"NFC", "NFD", "NFKC", "NFKD"})
  void everyNonStarterAgainstEveryCombiningClass(Case c) {
    int[] nonStarters = assignedCodePoints().filter(cp -> UCharacter.getCombiningClass(cp) != 0).toArray();
    TreeSet<Integer> seenClasses = new TreeSet<>();
    int[] classRepresentatives = IntStream.of(nonStarters).filter(cp -> seenClasses.add(UCharacter.getCombiningClass(cp))).toArray();
    List<String> texts = new ArrayList<>();
    for (int mark : nonStarters) {
      for (int other : classRepresentatives) {
        texts.add(string('o', other, mark));
        texts.add(string('o', mark, other));
      }
    }
    assertAgree(c, texts);
  }

  /**
   * Every canonical decomposition into two characters (composition exclusions and pairs newer than the
   * reference's tables included), composed with and without marks in between and after, plus every
   * precomposed character followed by marks and its full decomposition in both mark orders.
   */
  @ParameterizedTest
  @EnumSource(value = Case.class, names = {"NFC", "NFD", "NFKC", "NFKD"})
  void compositions(Case c) {
    Normalizer2 nfc = Normalizer2.getNFCInstance();
    Normalizer2 nfd = Normalizer2.getNFDInstance();
    int[] marks = {0x0334, 0x0316, 0x0301, 0x0345, 0x0308};
    List<String> texts = new ArrayList<>();
    assignedCodePoints().forEach(cp -> {
      String raw = nfc.getRawDecomposition(cp);
      if (raw == null) return;
      int[] pair = raw.codePoints().toArray();
      if (pair.length == 2) {
        texts.add(string(pair[0], pair[1]));
        texts.add(string(pair[0], pair[1], pair[1]));
        for (int mark : marks) {
          texts.add(string(pair[0], mark, pair[1]));
          texts.add(string(pair[0], pair[1], mark));
        }
      }
      for (int mark : marks) texts.add(string(cp, mark));
      int[] decomposed = nfd.normalize(Character.toString(cp)).codePoints().toArray();
      texts.add(string(decomposed));
      for (int i = 1, j = decomposed.length - 1; i < j; i++, j--) {
        int swap = decomposed[i];
        decomposed[i] = decomposed[j];
        decomposed[j] = swap;
      }
      texts.add(string(decomposed));
    });
    assertAgree(c, texts);
  }

  /** Conjoining jamo and syllables around the ranges that compose, and compatibility jamo. */
  @ParameterizedTest
  @EnumSource(value = Case.class, names = {"NFC", "NFD", "NFKC", "NFKD"})
  void hangul(Case c) {
    List<String> texts = new ArrayList<>();
    for (int l = 0x10FF; l <= 0x1114; l++) {
      for (int v = 0x1160; v <= 0x1176; v++) {
        texts.add(string(l, v));
        texts.add(string(l, v, 0x11A7 + (l + v) % 30));
        texts.add(string(l, 0x0301, v));
      }
    }
    for (int syllable = 0xAC00; syllable <= 0xD7A3; syllable++) {
      boolean lv = (syllable - 0xAC00) % 28 == 0;
      if (lv) {
        for (int t = 0x11A6; t <= 0x11C3; t++) texts.add(string(syllable, t));
        texts.add(string(syllable, 0x1161));
      } else {
        texts.add(string(syllable, 0x11A8 + syllable % 27));
      }
      texts.add(string(syllable, 0x0334));
    }
    for (int leading = 0x3131; leading <= 0x318E; leading++) {
      for (int vowel = 0x314F; vowel <= 0x3163; vowel += 3) texts.add(string(leading, vowel, 0x3131 + leading % 30));
    }
    for (int leading = 0xFFA0; leading <= 0xFFBE; leading++) texts.add(string(leading, 0xFFC2, 0xFFA1));
    assertAgree(c, texts);
  }

  /** Random mixtures of characters that normalization or lowercasing treats specially, and others. */
  @ParameterizedTest
  @EnumSource(Case.class)
  void randomSequences(Case c) {
    Normalizer2 nfkc = Normalizer2.getNFKCInstance();
    int[] special = assignedCodePoints()
        .filter(cp -> UCharacter.getCombiningClass(cp) != 0
            || !nfkc.isNormalized(Character.toString(cp))
            || UCharacter.toLowerCase(cp) != cp
            || (cp >= 0x1100 && cp <= 0x11FF))
        .toArray();
    int[] plain = {'a', 'Z', ' ', '0', 0xE9, 0x3A3, 0x3C2, 0x130, 0x4E00, 0xAC00, 0xAC01, 0x1F600, 0x10400, 0x11935};
    Random random = new Random(20240611);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      int[] cps = new int[1 + random.nextInt(12)];
      for (int k = 0; k < cps.length; k++) {
        cps[k] = random.nextInt(4) == 0 ? plain[random.nextInt(plain.length)] : special[random.nextInt(special.length)];
      }
      texts.add(string(cps));
    }
    assertAgree(c, texts);
  }

  /** Assigned in Unicode 17 (ICU4J's version), without surrogates and the private use planes. */
  private static IntStream assignedCodePoints() {
    return IntStream.range(0, 0xF0000).filter(cp -> {
      int category = UCharacter.getType(cp);
      return category != UCharacterCategory.UNASSIGNED && category != UCharacterCategory.SURROGATE;
    });
  }

  private static String string(int... codePoints) {
    return new String(codePoints, 0, codePoints.length);
  }

  private static void assertAgree(Case c, List<String> texts) {
    ReferenceNormalizer reference = REFERENCES.computeIfAbsent(c, k -> ReferenceNormalizer.of("{\"type\":\"" + k.referenceType + "\"}"));
    reference.assertAgree(c.normalizer, texts, SEPARATOR, c.toString());
  }
}
