package dev.toksmith.vocab.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tokenizer.json an encoding converts to gives the encoding's ids and offsets, in toksmith's
 * pipeline (after a round trip through the JSON) and in Hugging Face through DJL, on every line of the
 * bundled samples and on text with special tokens, new characters and long runs.
 */
class TiktokenConversionTest {
  private static final List<String> EDGES = List.of(
      "<|endoftext|>", "a<|endoftext|>b<|endoftext|>", " <|endoftext|>\n", "<|fim_prefix|>x<|fim_suffix|>y<|fim_middle|>",
      "<|start|>assistant<|channel|>final<|message|>hi<|end|><|return|>", "<|endoftext",
      "a\n  ", "x  \n", "1234567", "HTTPServer's DON'T caſ'ſ", "a\u1C89\u1C8Ab \u0870\u0897 \uD839\uDCF0\uD839\uDCF1 \uD802\uDD40",
      "😀👍🏽👨‍👩‍👧 e\u0301 中文 한국어", " ".repeat(300) + "x", "a".repeat(500), "\n\n\n\t\t  \n");

  /** The edge cases, and every line of the samples, or its first {@code linesPerSample} lines. */
  private static List<String> texts(int linesPerSample) {
    List<String> texts = new ArrayList<>(EDGES);
    for (Sample sample : Samples.all()) {
      String[] lines = sample.text().split("\n");
      for (int i = 0; i < Math.min(lines.length, linesPerSample); i++) texts.add(lines[i] + "\n");
    }
    return texts;
  }

  /**
   * The two patterns of tiktoken's newer encodings on all lines; the GPT-2 pattern (r50k_base,
   * p50k_edit's ranks and special tokens) on the first lines of each sample, to keep the test short.
   */
  @ParameterizedTest
  @CsvSource({"cl100k_base,1000000", "o200k_harmony,1000000", "r50k_base,40", "p50k_edit,40"})
  void theConvertedTokenizerGivesTheEncodingsIdsAndOffsets(String name, int linesPerSample) throws IOException {
    TiktokenTokenizer encoding = TiktokenEncodings.load(name).orElseThrow();
    TiktokenTokenizer allAllowed = encoding.withAllowedSpecial(encoding.specialTokens());
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Tokenizers.write(encoding.stages(), json);
    Tokenizer reloaded = Tokenizers.load(new ByteArrayInputStream(json.toByteArray()), name + ".json");
    List<String> texts = texts(linesPerSample);
    try (HfReference reference = HfReference.load(json.toString(StandardCharsets.UTF_8))) {
      List<HfReference.Encoded> hf = reference.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        Encoding expected = allAllowed.encode(text);
        Encoding pipeline = reloaded.encode(text);
        HfReference.Encoded djl = hf.get(i);
        assertEquals(expected, pipeline, () -> name + " toksmith pipeline: " + text);
        assertArrayEquals(expected.ids(), Arrays.stream(djl.ids()).mapToInt(id -> (int) id).toArray(), () -> name + " Hugging Face: " + text);
        for (int t = 0; t < expected.size(); t++) {
          int token = t;
          assertEquals(expected.start(t) + "," + expected.end(t), djl.starts()[t] + "," + djl.ends()[t], () -> name + " offsets of token " + token + ": " + text);
        }
      }
    }
  }
}
