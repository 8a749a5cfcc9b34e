package dev.toksmith.vocab.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SentencePiece models trained by the reference (spm_train 0.1.97), one written by hand, and the ids
 * spm_encode and text spm_decode gave for the test lines, all committed with the script that made them
 * (src/test/resources/sentencepiece/make-fixtures.sh); and the ids the sentencepiece wheel 0.2.2 gives
 * the same models on real text in some 500 languages (make-multilingual-fixtures.sh).
 */
class SentencePieceFilesTest {
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SentencePieceFilesTest.class.getResource("/sentencepiece/" + name).toURI());
  }

  private static List<String> lines(String name) throws Exception {
    return Files.readAllLines(resource(name), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram", "bpe", "unigram-cf", "bpe-unk"})
  void encodesAndDecodesAsSentencePieceDoes(String model) throws Exception {
    Tokenizer tok = Tokenizers.load(resource(model + ".model"));
    // tests.txt, with spm_decode's text, then edges.txt: white space, pieces written out as text, normalization across characters.
    List<String> texts = new ArrayList<>(lines("tests.txt"));
    texts.addAll(lines("edges.txt"));
    List<String> ids = new ArrayList<>(lines(model + ".ids"));
    ids.addAll(lines(model + ".edges.ids"));
    List<String> decoded = lines(model + ".decoded");
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      Encoding e = tok.encode(text);
      String actual = Arrays.stream(e.ids()).mapToObj(Integer::toString).collect(Collectors.joining(" "));
      assertEquals(ids.get(i), actual, () -> model + " line " + text);
      for (int k = 0; k < e.size(); k++) assertTrue(e.start(k) <= e.end(k) && e.end(k) <= text.length(), "offsets in range");
      int[] expectedIds = ids.get(i).isEmpty() ? new int[0] : Arrays.stream(ids.get(i).split(" ")).mapToInt(Integer::parseInt).toArray();
      if (i < decoded.size()) assertEquals(decoded.get(i), tok.decode(expectedIds), () -> model + " decode of line " + text);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram"})
  void controlUnknownAndBytePiecesDecodeAsSentencePieceDoes(String model) throws Exception {
    Tokenizer tok = Tokenizers.load(resource(model + ".model"));
    List<String> ids = lines("special.ids");
    List<String> decoded = lines("special.decoded");
    for (int i = 0; i < ids.size(); i++) {
      int[] line = Arrays.stream(ids.get(i).split(" ")).mapToInt(Integer::parseInt).toArray();
      assertEquals(decoded.get(i), tok.decode(line), ids.get(i));
    }
  }

  /**
   * Every line of the bundled multilingual samples and of multilingual.txt (the UDHR's first paragraphs
   * in some 500 languages, and the lines on which these models' single-precision path scores tie) has
   * the ids the sentencepiece wheel gives it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"unigram", "unigram-cf", "bpe", "bpe-unk"})
  void multilingualTextGetsTheWheelsIds(String model) throws Exception {
    Tokenizer tok = Tokenizers.load(resource(model + ".model"));
    List<String> texts = new ArrayList<>();
    for (Sample s : Samples.all()) if (s.group().equals("multilingual")) texts.addAll(List.of(s.text().split("\n", -1)));
    texts.addAll(lines("multilingual.txt"));
    List<String> expected;
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(resource(model + ".multilingual.ids.gz")))) {
      expected = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
    }
    assertEquals(texts.size() + 1, expected.size(), "one line of ids per line of text");
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String actual = Arrays.stream(tok.encodeIds(texts.get(i))).mapToObj(Integer::toString).collect(Collectors.joining(" "));
      if (!actual.equals(expected.get(i))) differences.add("line " + i + " " + texts.get(i) + "\n  sentencepiece: " + expected.get(i) + "\n  toksmith:      " + actual);
    }
    assertEquals(List.of(), differences.subList(0, Math.min(5, differences.size())), differences.size() + " of " + texts.size() + " lines differ");
  }

  /**
   * tie.model (written by make-fixtures.sh) makes the best path depend on SentencePiece's arithmetic:
   * sentencepiece 0.2 adds a piece's score to the path's in single precision, where "ab c" and "a bc"
   * tie and the path found first, "a bc", stays (0.1.97 added in double precision and gave "ab c");
   * and where paths tie exactly, "***" as "* **" or "** *", the one whose last piece starts first stays.
   */
  @Test
  void viterbiAddsScoresAsSentencePieceDoes() throws Exception {
    Tokenizer tok = Tokenizers.load(resource("tie.model"));
    List<String> texts = lines("tie.txt");
    List<String> ids = lines("tie.ids");
    List<String> pieces = lines("tie.pieces");
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      Encoding e = tok.encode(text);
      assertEquals(ids.get(i), Arrays.stream(e.ids()).mapToObj(Integer::toString).collect(Collectors.joining(" ")), () -> "ids of " + text);
      assertEquals(pieces.get(i), String.join(" ", e.tokens()), () -> "pieces of " + text);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram", "bpe"})
  void byteFallbackRoundTripsText(String model) throws Exception {
    Tokenizer tok = Tokenizers.load(resource(model + ".model"));
    // Normalized text (NFKC, single spaces, no leading or trailing space) survives encode and decode.
    for (String text : List.of("Hello world", "emoji 😀👍🏽 and ᚠᛇᚻ runes", "中文 and Ελληνικά", "x")) {
      assertEquals(text, tok.decode(tok.encodeIds(text)), text);
    }
  }

  @Test
  void aFileThatIsNoModelSaysSo(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path bogus = Files.write(dir.resolve("tokenizer.model"), "IQ== 0\nIg== 1\n".getBytes(StandardCharsets.US_ASCII));
    String message = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(bogus)).getMessage();
    assertTrue(message.contains("not a SentencePiece model") && message.contains(bogus + "#pattern="), message);
  }
}
