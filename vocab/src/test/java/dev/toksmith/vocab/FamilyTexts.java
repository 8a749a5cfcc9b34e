package dev.toksmith.vocab;

import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.util.ArrayList;
import java.util.List;

/** The texts that tokenizers of the public model families are checked on. */
final class FamilyTexts {
  private static List<String> sampleLines;

  private FamilyTexts() {}

  /**
   * Strings that trip tokenizers: whitespace runs, tabs and carriage returns, emoji ZWJ sequences,
   * CJK, Indic scripts, combining marks, digit runs, control characters, special token texts, and
   * words longer than WordPiece's 100 characters.
   */
  static final List<String> EDGE_TEXTS = List.of(
      "", " ", "  ", "\t", "\n", "\r\n", "a\r\nb\rc\nd", "tab\tseparated\t\twords\t", "   leading and trailing   ",
      "a" + " ".repeat(17) + "b" + "\t".repeat(5) + "c", " \u00A0\u2003\u3000 no-break, em and ideographic spaces \u2028 line separator",
      "family 👨‍👩‍👧‍👦, rainbow 🏳️‍🌈, skin 👍🏽, flags 🇺🇸🇯🇵, kiss 👩‍❤️‍💋‍👨, 😀😀😀😀😀",
      "中文字符和日本語のテキスト、한국어 텍스트。", "extension B 𠀀𪛟 and compatibility 豈 ＡＢＣ１２３",
      "हिन्दी क्षत्रिय, தமிழ் ஸ்ரீ, বাংলা ভাষা, ภาษาไทย, ሰላም", "e\u0301 a\u0308\u0308 Z\u0351\u0352\u0357 \u00C5 A\u030A",
      "ﬁ ligature, Ⅻ numeral, ① circled, ǅ İ ß ẞ ǰ", "1234567890123456789 3.14159 2,718 1e10 0x1F ١٢٣٤ ۱۲۳ १२३",
      "\u0000 nul \u0007 bell \u001B[0m escape \u007F delete \u0085 next-line \uFEFF bom \u200B\u200C\u200D zero width",
      "don't I'LL we'Ve 's 's's O'Neil", "CamelCaseWord HTTPServer iPhone XMLHttpRequest", "\u2581 already \u2581\u2581 spelled",
      "unknown \u2603\u2604 characters \uA9C1\uA9C2 and \uD835\uDD18\uD835\uDD2B",
      "Supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis", "a".repeat(300),
      "ab".repeat(150) + " end", "\u4E2D".repeat(200), "x".repeat(120) + " " + "y".repeat(99) + " " + "z".repeat(100) + " " + "w".repeat(101),
      "<s> </s> <unk> [CLS] [SEP] [UNK] <|endoftext|> <0x41> ##s");

  /**
   * A smaller set for checks run many times: every line of the multilingual samples (the UDHR in 30
   * languages and scripts) and every tenth line of the others (English, emoji).
   */
  static List<String> multilingualLines() {
    List<String> lines = new ArrayList<>();
    for (Sample s : Samples.all()) {
      String[] all = s.text().split("\n", -1);
      for (int i = 0; i < all.length; i++) if (s.group().equals("multilingual") || i % 10 == 0) lines.add(all[i]);
    }
    return lines;
  }

  /** Every line of every bundled sample, in catalogue order. */
  static synchronized List<String> sampleLines() {
    if (sampleLines == null) {
      List<String> lines = new ArrayList<>();
      for (Sample s : Samples.all()) lines.addAll(List.of(s.text().split("\n", -1)));
      sampleLines = List.copyOf(lines);
    }
    return sampleLines;
  }
}
