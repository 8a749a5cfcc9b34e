package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.Precompiled;
import dev.toksmith.core.normalizers.PrecompiledCharsmap;
import dev.toksmith.core.reference.NormalizerProbe;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Reading and writing normalizers: round trips, and what the reader rejects. */
class NormalizerJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> TEXTS = List.of(
      "  Héllo, Wörld!  ", "\u3000中文 ﬁ ① ｶﾞ\u0001\u200B e\u0301 👨‍👩‍👧 İ ", "", "a");

  /**
   * Written JSON has the reference's fields and values (the same tree as the input, which spells out
   * every field), reads back to a normalizer that behaves the same, and the reference itself reads it
   * and agrees.
   */
  @ParameterizedTest
  @MethodSource("dev.toksmith.vocab.hf.NormalizerJsonReferenceTest#configurations")
  void roundTrip(String json) throws Exception {
    Normalizer normalizer = NormalizerJsonReferenceTest.read(json);
    String written = write(normalizer);
    assertEquals(MAPPER.readTree(json), MAPPER.readTree(written));
    Normalizer again = NormalizerJsonReferenceTest.read(written);
    assertEquals(written, write(again));
    try (NormalizerProbe probe = NormalizerProbe.of(written)) {
      List<NormalizerProbe.Normalized> expected = probe.normalizeAll(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertEquals(expected.get(i), view(normalizer, TEXTS.get(i)));
        assertEquals(expected.get(i), view(again, TEXTS.get(i)));
      }
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"type":"Strip","strip_left":true}                                         | normalizer.strip_right: missing
      {"type":"Strip","strip_left":true,"strip_right":1}                         | normalizer.strip_right: expected true or false
      {"type":"Strip","strip_left":true,"strip_right":true,"x":1}                | normalizer.x: unknown field
      {"type":"StripAccents","strip":true}                                       | normalizer.strip: unknown field
      {"type":"Prepend"}                                                         | normalizer.prepend: expected a string
      {"type":"Replace","pattern":{"String":"a"}}                                | normalizer.content: expected a string
      {"type":"Replace","pattern":{"String":"a","Regex":"b"},"content":""}       | normalizer.pattern: expected exactly one of String and Regex
      {"type":"Replace","pattern":{},"content":""}                               | normalizer.pattern: expected exactly one of String and Regex
      {"type":"Replace","pattern":{"Regex":"("},"content":""}                    | normalizer.pattern.Regex: regex does not compile
      {"type":"BertNormalizer","clean_text":true,"lowercase":true}               | normalizer.handle_chinese_chars: missing
      {"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true}    | normalizer.lowercase: missing
      {"type":"Precompiled"}                                                     | normalizer.precompiled_charsmap: expected a string
      {"type":"Precompiled","precompiled_charsmap":"%%%"}                        | normalizer.precompiled_charsmap: not base64
      {"type":"Precompiled","precompiled_charsmap":""}                           | normalizer.precompiled_charsmap: charsmap shorter than its trie size
      {"type":"Precompiled","precompiled_charsmap":"CAAAAAECAwQ="}               | normalizer.precompiled_charsmap: charsmap shorter than its trie
      {"type":"Sequence","normalizers":[{"type":"Nmt"},{"type":"Bogus"}]}        | normalizer.normalizers[1].type: normalizer type Bogus is not supported
      """)
  void rejects(String json, String message) {
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> NormalizerJsonReferenceTest.read(json));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void bertStripAccentsMayBeAbsent() throws Exception {
    Normalizer absent = NormalizerJsonReferenceTest.read(
        "{\"type\":\"BertNormalizer\",\"clean_text\":true,\"handle_chinese_chars\":true,\"lowercase\":false}");
    assertTrue(write(absent).contains("\"strip_accents\":null"), write(absent));
  }

  @Test
  void sentencePieceModeHasNoTokenizerJsonForm() {
    PrecompiledCharsmap charsmap = PrecompiledCharsmap.parse(Base64.getDecoder().decode(NormalizerJsonReferenceTest.charsmap("nmt_nfkc")));
    assertThrows(TokenizerFormatException.class, () -> write(new Precompiled(charsmap, Precompiled.Mode.SENTENCEPIECE)));
  }

  private static String write(Normalizer normalizer) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      NormalizerJson.write(g, normalizer);
    }
    return out.toString();
  }

  private static NormalizerProbe.Normalized view(Normalizer normalizer, String text) {
    NormalizedString normalized = new NormalizedString(text, 0);
    normalizer.normalize(normalized);
    return NormalizerProbe.view(normalized);
  }
}
