package dev.toksmith.core.normalizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import dev.toksmith.core.unicode.NormalizedString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Precompiled normalizer with charsmaps made by SentencePiece's {@code spm_train} (see
 * {@code precompiled/make-fixtures.sh} in the test resources): in Hugging Face mode against the
 * reference, and in SentencePiece mode against what {@code spm_normalize} printed.
 */
class PrecompiledReferenceTest {
  private static final String RESOURCES = "precompiled/";

  @ParameterizedTest
  @ValueSource(strings = {"nmt_nfkc", "nfkc", "nmt_nfkc_cf", "grapheme-probe"})
  void edgeStringsAndRuleSources(String charsmap) {
    List<String> texts = new ArrayList<>(NormalizerComponentsReferenceTest.EDGE_STRINGS);
    texts.addAll(lines("spm-input.txt"));
    assertAgreeWithReference(charsmap, texts, "\n");
  }

  /** Every code point after a letter, and before a mark that composes with many letters. */
  @Test
  void everyCodePoint() {
    List<String> texts = new ArrayList<>();
    ReferenceNormalizer.codePoints().forEach(cp -> {
      String c = Character.toString(cp);
      texts.add("a" + c);
      texts.add(c + "\u0301");
    });
    assertAgreeWithReference("nmt_nfkc", texts, "\n");
  }

  /**
   * Every code point's grapheme cluster break class as the reference sees it, through the probe's
   * keys: it joins a letter (Extend, ZWJ, SpacingMark) or not, it joins a Prepend or not (Control, CR,
   * LF), it joins a Hangul vowel, trailing consonant or syllable after it (L, V, T, LV, LVT) or not, and
   * it joins an emoji ZWJ sequence (Extended_Pictographic) or not.
   */
  @Test
  void everyCodePointsClusterBreakClass() {
    List<String> texts = new ArrayList<>();
    ReferenceNormalizer.codePoints().forEach(cp -> {
      String c = Character.toString(cp);
      texts.add("a" + c);
      texts.add("\u0600" + c);
      texts.add(c + "\u1161\u0301");
      texts.add(c + "\u11A8\u0301");
      texts.add(c + "\uAC00\u0301");
      texts.add("\u00A9\u200D" + c);
    });
    assertAgreeWithReference("grapheme-probe", texts, "\n");
  }

  /**
   * Random text from characters of every grapheme cluster break class, some of which the probe maps to
   * themselves: where its clusters end shows in what the reference drops.
   */
  @Test
  void graphemeClustersAsTheReference() {
    int[] alphabet = {
      'a', 'b', '\r', '\n', 0x01, 0x0600, 0x0605, 0x0D4E, 0x0300, 0x0301, 0x093C, 0x200D, 0x0903, 0x0E33,
      0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0xA9, 0xAE, 0x203C, 0x1F600, 0x1F3FB, 0x2640, 0xFE0F,
      0x0915, 0x0937, 0x094D, 0x09CD, 0x0995, 0x1F1E6, 0x1F1E8, 0x0897, 0x1F46A, 0x0E40
    };
    Random random = new Random(1229);
    List<String> texts = new ArrayList<>();
    for (int t = 0; t < 60_000; t++) {
      int[] cps = new int[1 + random.nextInt(8)];
      for (int k = 0; k < cps.length; k++) cps[k] = alphabet[random.nextInt(alphabet.length)];
      texts.add(new String(cps, 0, cps.length));
    }
    assertAgreeWithReference("grapheme-probe", texts, "\n");
  }

  /**
   * Extended_Pictographic on every code point of the blocks where it lives, unassigned ones included:
   * one that continues an emoji ZWJ sequence makes the cluster too long for a whole-cluster match.
   */
  @Test
  void extendedPictographicAsTheReference() {
    List<String> texts = new ArrayList<>();
    IntStream.concat(IntStream.rangeClosed(0x80, 0x33FF), IntStream.rangeClosed(0x1F000, 0x1FFFF))
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .forEach(cp -> texts.add("\u00A9\u200D" + Character.toString(cp)));
    assertAgreeWithReference("grapheme-probe", texts, "\n");
  }

  /**
   * The Indic conjunct rule (GB9c) and Prepend with every code point that could take part: the probe
   * maps every InCB=Consonant and Prepend code point of Unicode 17 to itself, so a consonant that joins
   * the cluster before it, or a character that joins a Prepend, shows by the mark after it being
   * dropped.
   */
  @Test
  void conjunctsAndPrependAsTheReference() {
    List<String> texts = new ArrayList<>();
    String ka = "\u0915";
    String virama = "\u094D";
    String ssa = "\u0937";
    for (int consonant : probeCodePoints("InCB Consonant")) {
      String c = Character.toString(consonant);
      texts.add(ka + virama + c + "\u0301");
      texts.add(c + virama + ssa + "\u0301");
    }
    ReferenceNormalizer.codePoints()
        .filter(cp -> {
          int value = UCharacter.getIntPropertyValue(cp, UProperty.GRAPHEME_CLUSTER_BREAK);
          return value == UCharacter.GraphemeClusterBreak.EXTEND || value == UCharacter.GraphemeClusterBreak.ZWJ;
        })
        .forEach(extend -> {
          String e = Character.toString(extend);
          texts.add(ka + e + ssa + "\u0301");
          texts.add(ka + virama + e + ssa + "\u0301");
        });
    for (int prepend : probeCodePoints("Prepend")) {
      String p = Character.toString(prepend);
      texts.add(p + "a");
      texts.add(p + "\n");
      texts.add(p + p + "\u0301");
    }
    assertAgreeWithReference("grapheme-probe", texts, "\n");
  }

  /** The code points of one class in the probe's list. */
  private static int[] probeCodePoints(String kind) {
    return Arrays.stream(resource("grapheme-probe.codepoints").split("\n"))
        .filter(line -> !line.startsWith("#") && line.endsWith(" " + kind))
        .mapToInt(line -> Integer.parseInt(line.substring(0, line.indexOf(' ')), 16))
        .toArray();
  }

  /** SentencePiece's own normalizer: the longest key at each position, no clusters. */
  @ParameterizedTest
  @ValueSource(strings = {"nmt_nfkc", "nfkc", "nmt_nfkc_cf"})
  void sentencePieceModeAsSpmNormalize(String charsmap) {
    Precompiled normalizer = new Precompiled(charsmap(charsmap), Precompiled.Mode.SENTENCEPIECE);
    List<String> input = lines("spm-input.txt");
    List<String> expected = lines("spm-expected-" + charsmap + ".txt");
    assertEquals(expected.size(), input.size());
    for (int i = 0; i < input.size(); i++) {
      NormalizedString text = new NormalizedString(input.get(i), 0);
      normalizer.normalize(text);
      String line = input.get(i);
      assertEquals(expected.get(i), text.get(), () -> ReferenceNormalizer.hex(line));
    }
  }

  /** Removed characters at the start are removed in SentencePiece mode, with sound alignment. */
  @Test
  void sentencePieceModeAlignment() {
    Precompiled normalizer = new Precompiled(charsmap("nmt_nfkc"), Precompiled.Mode.SENTENCEPIECE);
    NormalizedString text = new NormalizedString("\u0001\u0002\uFB01x\u0001y", 0);
    normalizer.normalize(text);
    assertEquals("fixy", text.get());
    int[] starts = IntStream.range(0, 4).map(text::originalStart).toArray();
    int[] ends = IntStream.range(0, 4).map(text::originalEnd).toArray();
    assertEquals(Arrays.toString(new int[] {2, 2, 3, 5}), Arrays.toString(starts));
    assertEquals(Arrays.toString(new int[] {3, 3, 4, 6}), Arrays.toString(ends));
  }

  @Test
  void malformedCharsmapsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PrecompiledCharsmap.parse(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> PrecompiledCharsmap.parse(new byte[] {8, 0, 0, 0, 1, 2, 3, 4}));
    assertThrows(IllegalArgumentException.class, () -> PrecompiledCharsmap.parse(new byte[] {0, 0, 0, 0}));
    assertThrows(IllegalArgumentException.class, () -> PrecompiledCharsmap.parse(new byte[] {4, 0, 0, 0, 1, 2, 3, 4, (byte) 0xC3}));
  }

  private static void assertAgreeWithReference(String charsmap, List<String> texts, String separator) {
    String json = "{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"" + base64(charsmap) + "\"}";
    Precompiled normalizer = new Precompiled(charsmap(charsmap), Precompiled.Mode.HUGGING_FACE);
    try (ReferenceNormalizer reference = ReferenceNormalizer.of(json)) {
      reference.assertAgree(normalizer, texts, separator, "Precompiled " + charsmap);
    }
  }

  static PrecompiledCharsmap charsmap(String name) {
    return PrecompiledCharsmap.parse(Base64.getDecoder().decode(base64(name)));
  }

  static String base64(String name) {
    return resource(name + ".charsmap.b64").strip();
  }

  private static List<String> lines(String name) {
    String text = resource(name);
    return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
  }

  private static String resource(String name) {
    try (InputStream in = PrecompiledReferenceTest.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + RESOURCES + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
