package dev.toksmith.vocab.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in encodings against jtokkit, a Java tiktoken, on every line of every bundled sample and on
 * random text: the ids, and {@code countTokens} against jtokkit's count. jtokkit splits with {@code
 * java.util.regex}, whose tables are Unicode 13 on JDK 17, so the random text keeps to characters
 * whose classes did not change since; newer characters are covered by the fixture generated with
 * tiktoken itself ({@link TiktokenReferenceFixtureTest}).
 */
class TiktokenJtokkitDifferentialTest {
  private static final EncodingRegistry JTOKKIT = Encodings.newDefaultEncodingRegistry();

  private static final String[] ATOMS = {
    "a", "z", "Z", "é", "E\u0301", "ß", "Ω", "ж", "Ж", "ǅ", "ʰ", "ー", "ع", "א", "क", "ि", "த", "ไ", "中", "語", "한", "ა", "𝐀",
    "\u0301", "\u0903", "\u20DD", "0", "7", "٣", "²", "Ⅷ", "½", "12", "12345",
    "'", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'RE", "'LL", "'ſ", "’s", "ſ", "K",
    " ", "  ", "   ", "\t", "\n", "\r", "\r\n", "\n\n", " \n", "\u00A0", "\u2003", "\u3000", "\u0085", "\u000B",
    ".", ",", "!", "?", "-", "_", "/", "//", "@", "#", "(", ")", "«", "“", "—", "$", "{", "}", "<|", "|>", "<|endoftext|>",
    "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "\u0000", "\u007F", "\uFEFF", "\uFFFD",
    "Hello", "HELLO", "hello", "helloWorld", "HTTPServer", "McDonald's", "DON'T", " the", " The", "ing", "tion", "    def",
  };

  private static void assertSameIds(com.knuddels.jtokkit.api.Encoding oracle, TiktokenTokenizer toksmith, String text, String where) {
    IntArrayList expected = oracle.encodeOrdinary(text);
    assertArrayEquals(expected.toArray(), toksmith.encodeIds(text), () -> toksmith.name() + " " + where);
    assertEquals(oracle.countTokensOrdinary(text), toksmith.countTokens(text), () -> toksmith.name() + " count of " + where);
  }

  /** Every line of every sample, whole samples, random text and long runs, once per rank file and pattern. */
  @ParameterizedTest
  @CsvSource({"r50k_base,r50k_base", "p50k_base,p50k_base", "cl100k_base,cl100k_base", "o200k_base,o200k_base"})
  void sameIdsAsJtokkit(String encoding, String jtokkitEncoding) throws IOException {
    TiktokenTokenizer toksmith = TiktokenEncodings.load(encoding).orElseThrow();
    com.knuddels.jtokkit.api.Encoding oracle = JTOKKIT.getEncoding(jtokkitEncoding).orElseThrow();
    for (Sample sample : Samples.all()) {
      String[] lines = sample.text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = i + 1 < lines.length ? lines[i] + "\n" : lines[i];
        assertSameIds(oracle, toksmith, line, sample.name() + ":" + (i + 1));
      }
    }
    assertSameOnWholeSamplesAndRandomText(encoding, jtokkitEncoding, 10_000);
    List<String> longRuns = List.of(" ".repeat(5000), "a".repeat(3000) + "b".repeat(3000), "\n".repeat(1000) + "x", "1".repeat(999), "!".repeat(4000));
    for (String s : longRuns) assertSameIds(oracle, toksmith, s, "a long run");
  }

  /** The aliases and the encodings that differ from another only in special tokens, which are text here. */
  @ParameterizedTest
  @CsvSource({"gpt2,r50k_base", "gpt-4o,o200k_base", "p50k_edit,p50k_edit", "o200k_harmony,o200k_base"})
  void aliasesAndSpecialTokenVariantsToo(String encoding, String jtokkitEncoding) throws IOException {
    assertSameOnWholeSamplesAndRandomText(encoding, jtokkitEncoding, 2_000);
  }

  private static void assertSameOnWholeSamplesAndRandomText(String encoding, String jtokkitEncoding, int randomTexts) throws IOException {
    TiktokenTokenizer toksmith = TiktokenEncodings.load(encoding).orElseThrow();
    com.knuddels.jtokkit.api.Encoding oracle = JTOKKIT.getEncoding(jtokkitEncoding).orElseThrow();
    for (Sample sample : Samples.all()) assertSameIds(oracle, toksmith, sample.text(), sample.name());
    Random random = new Random(encoding.hashCode());
    for (int i = 0; i < randomTexts; i++) {
      StringBuilder text = new StringBuilder();
      int atoms = random.nextInt(16);
      for (int k = 0; k < atoms; k++) text.append(ATOMS[random.nextInt(ATOMS.length)]);
      String s = text.toString();
      assertSameIds(oracle, toksmith, s, "text " + s.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
    }
  }
}
