package dev.toksmith.core.normalizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.core.unicode.NormalizedString;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares Strip, StripAccents, Replace, Prepend, BertNormalizer, Nmt and sequences of them with the
 * reference, output text and alignment: every option on hand-picked edge strings, and the character
 * classes they depend on on every code point.
 */
class NormalizerComponentsReferenceTest {
  /** Text that hits every option: white space of all kinds at both ends, controls, marks, CJK, emoji. */
  static final List<String> EDGE_STRINGS = List.of(
      "",
      " ",
      "Hello, World!",
      "  two  spaces  ",
      "\u3000\u00A0 ideographic\u2003and no-break\u00A0 \u3000",
      "\t\ttabs\r\nand line breaks\n\u000B\u000C",
      "\u0085next line\u1680ogham\u2028\u2029",
      "ÀÉÎõü Ḉ ǅ",
      "e\u0301\u0301\u0304o \u0301leading mark",
      "Me llam\u00F3 Caf\u00E9 na\u0308ive \u1E9B\u0323",
      "Cụ thể, bạn sẽ tham gia …",
      "\u0E33\u0E19\u0E49\u0E33 3\u0E25\u0E33",
      "中文字 and 漢字 𠀀𪜀 \u3400\uF900\u2F800 ひらがな カタカナ 한국어",
      "\u0000a\uFFFDb\u0007c\u200Bd\u2066e\uE000f\u00ADg\u061Ch\u180Ei\uFEFFj",
      "\u0001\u0008\u000E\u001F\u007F\u008F\u009F\u0090end",
      "👨‍👩‍👧‍👦 🇫🇷🇩🇪 👍🏽 ❤️ #️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
      "\u1100\u1161\u11A8 \uAC00\u11A8 한글",
      "ﬁ ﬂ ① ㍿ Ａｂｃ ｶﾞ ™ ½ ẛ̣",
      "İstanbul ΣΑΣ ß ǅ Ω K",
      "क्षत्रिय नमस्ते ক্ষ",
      "\u2581already\u2581metaspaced",
      "\u0301",
      "\u3000",
      "a\u0300",
      "x\u20DD\u0903\u08D4\u1DF6y",
      "tail spaces   ",
      "   head spaces",
      // Newer than the JDK's Unicode 13: emoji (U+1FAE0, U+1FA89), Kawi letters and signs, an Ol Onal letter and digit.
      "melt\uD83E\uDEE0 \uD83E\uDE89! \uD807\uDF04\uD807\uDF00\uD807\uDF34x \uD839\uDDD1\uD839\uDDF1 9");

  static Stream<Arguments> components() {
    List<Arguments> cases = new ArrayList<>();
    for (boolean left : new boolean[] {false, true}) {
      for (boolean right : new boolean[] {false, true}) {
        cases.add(Arguments.of("{\"type\":\"Strip\",\"strip_left\":" + left + ",\"strip_right\":" + right + "}", new Strip(left, right)));
      }
    }
    cases.add(Arguments.of("{\"type\":\"StripAccents\"}", StripAccents.INSTANCE));
    cases.add(Arguments.of("{\"type\":\"Nmt\"}", Nmt.INSTANCE));
    cases.add(Arguments.of("{\"type\":\"Prepend\",\"prepend\":\"\u2581\"}", new Prepend("\u2581")));
    cases.add(Arguments.of("{\"type\":\"Prepend\",\"prepend\":\"\uD83D\uDE00ab\"}", new Prepend("\uD83D\uDE00ab")));
    cases.add(Arguments.of("{\"type\":\"Prepend\",\"prepend\":\"\"}", new Prepend("")));
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"String\":\" \"},\"content\":\"\u2581\"}", new Replace(" ", false, "\u2581")));
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"String\":\"an\"},\"content\":\"\"}", new Replace("an", false, "")));
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"String\":\"e\"},\"content\":\"\uD83D\uDE00xy\"}", new Replace("e", false, "\uD83D\uDE00xy")));
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"String\":\"$1\"},\"content\":\"(a)\"}", new Replace("$1", false, "(a)")));
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"Regex\":\" {2,}\"},\"content\":\" \"}", new Replace(" {2,}", true, " ")));
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"(a)(n)\"},\"content\":\"$2$1\"}", new Replace("(a)(n)", true, "$2$1")));
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"s*\"},\"content\":\"|\"}", new Replace("s*", true, "|")));
    // Oniguruma's Unicode 16 properties, whatever the JDK's Unicode version.
    cases.add(Arguments.of("{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"\\\\p{So}+|\\\\p{Lo}\\\\p{M}*|\\\\d\\\\b\"},\"content\":\"<>\"}",
        new Replace("\\p{So}+|\\p{Lo}\\p{M}*|\\d\\b", true, "<>")));
    for (boolean clean : new boolean[] {false, true}) {
      for (boolean chinese : new boolean[] {false, true}) {
        for (Boolean strip : new Boolean[] {null, false, true}) {
          for (boolean lower : new boolean[] {false, true}) {
            String json = "{\"type\":\"BertNormalizer\",\"clean_text\":" + clean + ",\"handle_chinese_chars\":" + chinese
                + ",\"strip_accents\":" + strip + ",\"lowercase\":" + lower + "}";
            cases.add(Arguments.of(json, new BertNormalizer(clean, chinese, strip, lower)));
          }
        }
      }
    }
    cases.add(Arguments.of(
        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFKD\"},{\"type\":\"StripAccents\"},{\"type\":\"Lowercase\"}]}",
        new NormalizerSequence(List.of(Nfkd.INSTANCE, StripAccents.INSTANCE, Lowercase.INSTANCE))));
    cases.add(Arguments.of(
        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Strip\",\"strip_left\":true,\"strip_right\":true},"
            + "{\"type\":\"Replace\",\"pattern\":{\"String\":\" \"},\"content\":\"\u2581\"},{\"type\":\"Prepend\",\"prepend\":\"\u2581\"}]}",
        new NormalizerSequence(List.of(new Strip(true, true), new Replace(" ", false, "\u2581"), new Prepend("\u2581")))));
    cases.add(Arguments.of(
        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Nmt\"},{\"type\":\"NFKC\"},{\"type\":\"Replace\",\"pattern\":{\"Regex\":\" {2,}\"},\"content\":\" \"}]}",
        new NormalizerSequence(List.of(Nmt.INSTANCE, Nfkc.INSTANCE, new Replace(" {2,}", true, " ")))));
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("components")
  void edgeStrings(String json, Normalizer normalizer) {
    try (ReferenceNormalizer reference = ReferenceNormalizer.of(json)) {
      reference.assertAgree(normalizer, EDGE_STRINGS, "\n", json);
    }
  }

  /** The character classes behind the normalizers, on every code point in every surrounding that matters. */
  static Stream<Arguments> characterClasses() {
    return Stream.of(
        Arguments.of("{\"type\":\"StripAccents\"}", StripAccents.INSTANCE),
        Arguments.of("{\"type\":\"Nmt\"}", Nmt.INSTANCE),
        Arguments.of("{\"type\":\"Strip\",\"strip_left\":true,\"strip_right\":true}", new Strip(true, true)),
        Arguments.of("{\"type\":\"BertNormalizer\",\"clean_text\":true,\"handle_chinese_chars\":true,\"strip_accents\":true,\"lowercase\":false}",
            new BertNormalizer(true, true, true, false)));
  }

  /** Each code point at both ends of a text and next to a letter. */
  @ParameterizedTest
  @MethodSource("characterClasses")
  void everyCodePoint(String json, Normalizer normalizer) {
    List<String> texts = new ArrayList<>();
    ReferenceNormalizer.codePoints().forEach(cp -> texts.add(Character.toString(cp) + "a" + Character.toString(cp)));
    try (ReferenceNormalizer reference = ReferenceNormalizer.of(json)) {
      reference.assertAgree(normalizer, texts, "|", json);
    }
  }

  /**
   * A transformation of text that starts with an inserted character (here a match of the empty string
   * at the start) keeps that character in front, and consumes from after it: the reference duplicates
   * it rather than replacing it (and panics when the output then has more characters than the rest).
   */
  @ParameterizedTest
  @MethodSource("afterInsertedStart")
  void transformationsStartAfterInsertedCharacters(String json, Normalizer then, String text, String expectedText) {
    Normalizer normalizer = new NormalizerSequence(List.of(new Replace("\\A", true, "_"), then));
    String sequence = "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"\\\\A\"},\"content\":\"_\"}," + json + "]}";
    try (ReferenceNormalizer reference = ReferenceNormalizer.of(sequence)) {
      assertEquals(reference.normalizeAll(List.of(text)).get(0), ReferenceNormalizer.toksmith(normalizer, text));
    }
    NormalizedString alone = new NormalizedString(text, 0);
    normalizer.normalize(alone);
    assertEquals(expectedText, alone.get());
  }

  static Stream<Arguments> afterInsertedStart() {
    return Stream.of(
        Arguments.of("{\"type\":\"StripAccents\"}", StripAccents.INSTANCE, "e\u0301", "__e"),
        Arguments.of("{\"type\":\"StripAccents\"}", StripAccents.INSTANCE, "xy\u0300\u0301", "__xy"),
        Arguments.of("{\"type\":\"NFC\"}", Nfc.INSTANCE, "e\u0301", "__\u00E9"));
  }
}
