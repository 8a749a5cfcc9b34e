package dev.toksmith.vocab.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.TokenizerFormatException;
import dev.toksmith.vocab.Tokenizers;
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
 * (src/test/resources/sentencepiece/make-fixtures.sh).
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
   * tie.model (written by make-fixtures.sh) makes the best path depend on SentencePiece's arithmetic:
   * a float score plus a float path score, added in double, compared with the stored float. Adding in
   * float would give "a bc" where spm_encode gives "ab c".
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
