package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzz test of the invariant {@code decode(encode(x)) == x} on byte-level tokenizers: for any bytes
 * (invalid UTF-8 included) through {@code encodeBytes} and {@code decodeBytes}, and for any Java string
 * (unpaired surrogates included) through {@code encodeIds} and {@code decode}. Seeds in {@code
 * RoundTripFuzzTestInputs/byteLevel}; {@code fuzz/fuzz.sh} fuzzes it.
 */
class RoundTripFuzzTest {
  /** tiktoken's three pattern families, and a tokenizer.json with the ByteLevel pre-tokenizer and decoder. */
  private static final List<Tokenizer> BYTE_LEVEL = load("r50k_base", "cl100k_base", "o200k_base", "src/test/resources/families/roberta.json");

  private static List<Tokenizer> load(String... specs) {
    try {
      List<Tokenizer> tokenizers = new java.util.ArrayList<>();
      for (String spec : specs) tokenizers.add(spec.contains("/") ? Tokenizers.load(Path.of(spec)) : Tokenizers.load(spec));
      return tokenizers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void byteLevel(byte[] data) {
    // The same bytes read as UTF-16 units: any Java string, lone surrogates too.
    char[] units = new char[data.length / 2];
    for (int i = 0; i < units.length; i++) units[i] = (char) ((data[2 * i] & 0xFF) << 8 | (data[2 * i + 1] & 0xFF));
    String text = new String(units);
    for (Tokenizer tok : BYTE_LEVEL) {
      assertArrayEquals(data, tok.decodeBytes(tok.encodeBytes(data), false), tok.toString());
      assertEquals(text, tok.decode(tok.encodeIds(text)), tok.toString());
    }
  }
}
