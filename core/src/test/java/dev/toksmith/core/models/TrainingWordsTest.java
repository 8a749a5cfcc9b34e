package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.core.models.wordlevel.PipelineWords;
import dev.toksmith.core.models.wordlevel.WhitespaceWords;
import dev.toksmith.core.models.wordpiece.BertWords;
import dev.toksmith.core.normalizers.BertNormalizer;
import dev.toksmith.core.pretokenizers.BertPreTokenizer;
import dev.toksmith.core.pretokenizers.Whitespace;
import dev.toksmith.core.text.Utf8;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The offset-free word splitters give exactly the words of the pipeline stages they stand for
 * (normalizer and pre-tokenizer through {@link PipelineWords}, which tracks offsets as encoding
 * does), on text made to hit every branch: controls, whitespace of every kind, punctuation, CJK,
 * accents and marks whose canonical order matters, case mappings that grow, lone surrogates.
 */
class TrainingWordsTest {
  /** Characters the BERT and Whitespace stages treat differently; the ASCII ones first. */
  private static final int[] POOL = {
    'a', 'B', 'z', 'Q', '0', '7', '_', ' ', ' ', '.', ',', '#', '$', '^', '`', '~', '-', '\'',
    0, '\t', '\n', '\r', 0x0B, 0x0C, 0x1C, 0x1F, 0x7F,
    0x85, 0xA0, 0x2028, 0x3000, 0x200B, 0xFEFF, 0xFFFD, 0xE000,
    0xE9, 0xC4, 0xDF, 0x130, 0x131, 0x3A3, 0x3C2, 0x1E9E, 0x212A, 0xFB01, 0xFF21, 0x2160,
    0x301, 0x308, 0x327, 0x323, 0x345, 0x1D165, 0x1D16D, 0x0E31, 0x093E, 0x0915, 0x0E01,
    0x4E2D, 0x6587, 0x20000, 0xF900, 0x3042, 0x30AB, 0xAC00, 0x1100, 0x0627, 0x05D0, 0x0416,
    0x1F600, 0x200D, 0xFE0F, 0x2019, 0x00BF, 0x00AB, 0xD800, 0xDC00, 0x10FFFF,
  };
  private static final int ASCII_IN_POOL = 27;

  private static final List<String> TEXTS = List.of(
      "Hello, World! It's 2024 -- naïve café RÉSUMÉ ÅNGSTRÖM İstanbul ß ẞ",
      "中文字符和日本語のテキスト、한국어 텍스트 𠀀",
      "Ελληνικά ΣΟΦΟΣ σοφός Ωμέγα; Русский ТЕКСТ ёЁ",
      "हिन्दी पाठ ক্ষ தமிழ் ไทย ภาษา עברית العربية",
      "emoji 👨‍👩‍👧 ❤️ flags 🇩🇪 mixed\u0000nul\u0001ctl\tTab\r\n",
      "ﬁne ﬂow Ⅻ ＡＢＣ ｶﾀｶﾅ ㈱ Å K",
      "");

  @Test
  void bertWordsAreThePipelinesWordsForEverySetting() {
    for (boolean clean : new boolean[] {true, false}) {
      for (boolean chinese : new boolean[] {true, false}) {
        for (Boolean strip : new Boolean[] {null, true, false}) {
          for (boolean lower : new boolean[] {true, false}) {
            BertNormalizer normalizer = new BertNormalizer(clean, chinese, strip, lower);
            String setting = "clean " + clean + ", chinese " + chinese + ", strip " + strip + ", lowercase " + lower;
            assertSameWords(new BertWords(normalizer), new PipelineWords(normalizer, BertPreTokenizer.INSTANCE), setting);
          }
        }
      }
    }
  }

  @Test
  void whitespaceWordsAreThePreTokenizersWords() {
    assertSameWords(new WhitespaceWords(), new PipelineWords(null, Whitespace.INSTANCE), "whitespace");
  }

  @Test
  void bertWordsLowercaseAndSplitAsciiPunctuation() {
    assertEquals(Map.of("hello", 1L, ",", 1L, "world", 2L, "!", 1L, "it", 1L, "'", 1L, "s", 1L),
        count(new BertWords(new BertNormalizer(true, true, null, true)), "Hello, World! it's\tworld\u0001"));
    assertEquals(Map.of("ab", 1L), count(new BertWords(new BertNormalizer(true, true, null, true)), "a\u0000b"), "cleaning removes NUL and joins");
    assertEquals(Map.of("cafe", 1L, "中", 1L, "文", 1L), count(new BertWords(new BertNormalizer(true, true, null, true)), "Café中文"));
  }

  private static void assertSameWords(TrainingWords fast, TrainingWords reference, String setting) {
    Random random = new Random(19);
    List<String> texts = new ArrayList<>(TEXTS);
    for (int c = 0; c < 128; c++) texts.add("Ab" + (char) c + "cD" + (char) c);
    for (int i = 0; i < 600; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(40);
      boolean ascii = random.nextBoolean();
      for (int k = 0; k < length; k++) s.appendCodePoint(POOL[random.nextInt(ascii ? ASCII_IN_POOL : POOL.length)]);
      texts.add(s.toString());
    }
    for (String text : texts) {
      assertEquals(count(reference, text), count(fast, text), () -> setting + ": words of " + escaped(text));
    }
  }

  private static Map<String, Long> count(TrainingWords words, String text) {
    Map<String, Long> counts = new HashMap<>();
    words.count(text, new WordSink() {
      @Override
      public void add(byte[] utf8, int from, int to) {
        counts.merge(Utf8.decode(utf8, from, to), 1L, Long::sum);
      }

      @Override
      public void add(CharSequence text, int from, int to) {
        counts.merge(text.subSequence(from, to).toString(), 1L, Long::sum);
      }
    });
    return counts;
  }

  private static String escaped(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(cp -> out.append(cp < 0x80 && cp >= 0x20 ? String.valueOf((char) cp) : String.format("\\u{%X}", cp)));
    return out.toString();
  }
}
