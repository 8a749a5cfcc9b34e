package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Windowed;
import dev.toksmith.core.Windows;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A long text encoded window by window gives exactly the ids of encoding it whole. The windows here are
 * tiny (64 characters) and a stretch without a cut may hold at most 4,096 characters, so a tokenizer
 * that failed to find its cuts would fail the test instead of quietly encoding everything at once.
 */
class WindowsTest {
  private static final int WINDOW = 64;
  private static final int MAX_UNCUT = 4096;

  /**
   * The start of every bundled sample as one long line in many scripts, with odd bytes added. Windows are cut at a
   * space between ASCII letters or digits, which Chinese and Japanese text lacks: each line end becomes
   * " 0 a ", so that every script has a cut at each of its line ends.
   */
  static byte[] longLine() {
    StringBuilder text = new StringBuilder();
    for (Sample s : Samples.all()) {
      String sample = s.text().substring(0, Math.min(s.text().length(), 3000));
      text.append(sample.replace("\r", "").replace("\n", " 0 a ")).append(' ');
    }
    byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
    // Invalid UTF-8 here and there, a sequence cut by a read, and a stretch of digits and tabs.
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 40; i++) utf8[random.nextInt(utf8.length)] = (byte) (0x80 + random.nextInt(0x80));
    return utf8;
  }

  private static int[] windowed(Windowed tok, byte[] bytes, int window, int maxUncut) throws IOException {
    IntArrayList ids = new IntArrayList();
    // A stream that hands out a few bytes at a time, so that characters arrive cut.
    InputStream in = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
    long read = new Windows(tok, window, maxUncut).encode(in, ids::add);
    assertEquals(bytes.length, read);
    return ids.toIntArray();
  }

  private static void assertWindowedAsWhole(Tokenizer tok, byte[] bytes) throws IOException {
    assertArrayEquals(tok.encodeBytes(bytes), windowed((Windowed) tok, bytes, WINDOW, MAX_UNCUT));
  }

  static List<String> cuttable() {
    return List.of("o200k_base", "cl100k_base", "gpt2", "unicode", "families/roberta.json", "families/llama2.json", "families/bert-uncased.json",
        "families/t5.json", "families/xlm-roberta.json", "models/spm-bpe.json", "models/spm-unigram.json");
  }

  private static Tokenizer load(String name) throws IOException {
    return name.contains("/") ? Tokenizers.load(Path.of("src/test/resources", name)) : Tokenizers.load(name);
  }

  @TestFactory
  Stream<DynamicTest> tokenizersThatCutGiveTheIdsOfTheWhole() throws IOException {
    byte[] bytes = longLine();
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : cuttable()) tests.add(DynamicTest.dynamicTest(name, () -> assertWindowedAsWhole(load(name), asTextFor(load(name), bytes))));
    return tests.stream();
  }

  /** Tokenizers that are not byte-level refuse invalid UTF-8 whole or windowed: give them the text without it. */
  private static byte[] asTextFor(Tokenizer tok, byte[] bytes) {
    try {
      tok.encodeBytes(new byte[] {(byte) 0x80});
      return bytes;
    } catch (IllegalArgumentException e) {
      return new String(bytes, StandardCharsets.UTF_8).replace("\uFFFD", "?").getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Real files: those whose stages all know their cuts give the ids of the whole; the others (a split
   * regex other than GPT-2's, cl100k's and o200k's exact forms) are encoded whole up to the limit and
   * refused beyond it.
   */
  @TestFactory
  Stream<DynamicTest> realTokenizersGiveTheIdsOfTheWholeOrRefuse() throws IOException {
    byte[] bytes = longLine();
    List<String> cutting = List.of("bert-base-uncased.json", "gpt2.json", "llama2.json", "llama3.json", "llama3_1.json");
    return RealTokenizerFiles.eachFile(Path.of(""), file -> {
      Tokenizer tok = Tokenizers.load(file);
      byte[] text = asTextFor(tok, bytes);
      try {
        assertWindowedAsWhole(tok, text);
      } catch (IllegalArgumentException e) {
        assertTrue(!cutting.contains(file.getFileName().toString()), file + " cuts: " + e.getMessage());
        byte[] shorter = new String(text, StandardCharsets.UTF_8).substring(0, MAX_UNCUT / 2).getBytes(StandardCharsets.UTF_8);
        assertWindowedAsWhole(tok, shorter);
      }
    });
  }

  @Test
  void allowedSpecialTokensAreNeverCut() throws IOException {
    Tokenizer cl100k = Tokenizers.load("cl100k_base");
    Tokenizer tok = cl100k.withAllowedSpecial(cl100k.specialTokens());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 300; i++) text.append("word ").append(i % 7 == 0 ? "<|endoftext|>" : "").append(i % 11 == 0 ? "<|fim_prefix|> x" : "").append(" y");
    assertWindowedAsWhole(tok, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"families/llama2.json", "o200k_base"})
  void addedTokensAndStartEffectsKeepTheirPlace(String name) throws IOException {
    Tokenizer tok = load(name);
    StringBuilder text = new StringBuilder("  leading spaces");
    for (int i = 0; i < 400; i++) text.append(i % 13 == 0 ? " <s> a</s>b" : " word").append(i % 17 == 0 ? "   " : " ").append(i);
    assertWindowedAsWhole(tok, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A SentencePiece model runs over the whole text at once: nothing is cut, and a long stretch is refused. */
  @Test
  void aStretchWithNoCutIsRefusedAtTheLimit() throws IOException {
    Windowed spm = (Windowed) Tokenizers.load(Path.of("src/test/resources/sentencepiece/bpe.model"));
    byte[] shorter = "the court held ".repeat(200).getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(((Tokenizer) spm).encodeBytes(shorter), windowed(spm, shorter, WINDOW, MAX_UNCUT), "up to the limit, encoded whole");
    byte[] longer = "the court held ".repeat(300).getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> windowed(spm, longer, WINDOW, MAX_UNCUT));
    assertEquals("more than 4096 characters with no place where this tokenizer's ids can be cut (such as a space between two words);"
        + " longer stretches are refused", e.getMessage());
    // One long word: no tokenizer cuts inside it.
    byte[] word = "a".repeat(5000).getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> windowed((Windowed) Tokenizers.load("o200k_base"), word, WINDOW, MAX_UNCUT));
  }

  @Test
  void cutsAreFoundNearTheEndOfEachWindow() throws IOException {
    Windowed o200k = (Windowed) Tokenizers.load("o200k_base");
    String text = "alpha beta gamma delta";
    assertEquals(16, o200k.lastCut(text, 0, text.length()), "before ' delta', the last space with a letter on both sides and a character after");
    assertEquals(-1, o200k.lastCut("alphabetagammadelta", 0, 19));
    assertTrue(((Windowed) load("families/llama2.json")).lastCut(text, 0, text.length() + 0) < 0, "the pipeline looks further ahead than a few characters");
  }
}
