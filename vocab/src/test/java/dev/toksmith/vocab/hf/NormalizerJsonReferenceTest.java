package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.reference.NormalizerProbe;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every normalizer, read from tokenizer.json, against the reference on all lines of the bundled
 * samples: output text and the original range of every byte.
 */
class NormalizerJsonReferenceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static List<String> sampleLines;

  /**
   * Normalizer configurations that together use every component and option; few and long, because
   * each runs the reference over all samples.
   */
  static List<String> configurations() {
    return List.of(
        "{\"type\":\"BertNormalizer\",\"clean_text\":true,\"handle_chinese_chars\":true,\"strip_accents\":null,\"lowercase\":true}",
        "{\"type\":\"Sequence\",\"normalizers\":["
            + "{\"type\":\"BertNormalizer\",\"clean_text\":true,\"handle_chinese_chars\":false,\"strip_accents\":true,\"lowercase\":false},"
            + "{\"type\":\"BertNormalizer\",\"clean_text\":false,\"handle_chinese_chars\":true,\"lowercase\":false,\"strip_accents\":false}]}",
        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFKD\"},{\"type\":\"StripAccents\"},{\"type\":\"Lowercase\"},"
            + "{\"type\":\"Strip\",\"strip_left\":true,\"strip_right\":true}]}",
        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Nmt\"},{\"type\":\"NFC\"},{\"type\":\"Strip\",\"strip_left\":true,\"strip_right\":false},"
            + "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"[aeiou]+\"},\"content\":\"<\uD83D\uDE00>\"},"
            + "{\"type\":\"Prepend\",\"prepend\":\"\u2581\"},{\"type\":\"Replace\",\"pattern\":{\"String\":\" \"},\"content\":\"\u2581\"}]}",
        "{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"" + charsmap("nmt_nfkc") + "\"}",
        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"StripAccents\"},"
            + "{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"" + charsmap("nmt_nfkc_cf") + "\"},"
            + "{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"" + charsmap("nfkc") + "\"},"
            + "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\" {2,}\"},\"content\":\" \"},"
            + "{\"type\":\"Strip\",\"strip_left\":false,\"strip_right\":true}]}");
  }

  @BeforeAll
  static void readSamples() {
    sampleLines = new ArrayList<>();
    for (Sample sample : Samples.all()) {
      try (InputStream in = sample.open()) {
        sampleLines.addAll(Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("configurations")
  void sampleLines(String json) throws Exception {
    Normalizer normalizer = read(json);
    try (NormalizerProbe probe = NormalizerProbe.of(json)) {
      List<NormalizerProbe.Normalized> expected = probe.normalizeAll(sampleLines);
      for (int i = 0; i < sampleLines.size(); i++) {
        NormalizedString text = new NormalizedString(sampleLines.get(i), 0);
        normalizer.normalize(text);
        String line = sampleLines.get(i);
        assertEquals(expected.get(i), NormalizerProbe.view(text), () -> "line " + line);
      }
    }
  }

  static Normalizer read(String json) throws TokenizerFormatException, IOException {
    return NormalizerJson.read(JsonPath.object(MAPPER.readTree(json), "normalizer"));
  }

  /** A charsmap of core's test resources (made by spm_train), base64. */
  static String charsmap(String name) {
    String resource = "/dev/toksmith/core/normalizers/precompiled/" + name + ".charsmap.b64";
    try (InputStream in = NormalizerJsonReferenceTest.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing test resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
