package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.bpe.BpeModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading a large model's vocabulary and merges straight from the bytes gives what Jackson reading
 * the document whole gives: the same model, or the same error in the same words, wherever and however
 * the document is broken or unusual.
 */
class ModelBytesTest {
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  /** A BPE model of {@code n} merges "xI yI" and the tokens they need, after {@code extraTokens}. */
  private static String model(int n, String extraTokens) {
    StringBuilder vocab = new StringBuilder("\"a\":0,\"b\":1").append(extraTokens);
    StringBuilder merges = new StringBuilder();
    for (int i = 0; i < n; i++) {
      vocab.append(",\"x").append(i).append("\":").append(2 + 3 * i).append(",\"y").append(i).append("\":").append(3 + 3 * i)
          .append(",\"x").append(i).append('y').append(i).append("\":").append(4 + 3 * i);
      merges.append(i == 0 ? "" : ",").append("[\"x").append(i).append("\",\"y").append(i).append("\"]");
    }
    return "{\"type\":\"BPE\",\"vocab\":{" + vocab + "},\"merges\":[" + merges + "]}";
  }

  private static String document(String model, String after) {
    return "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":{\"String\":\"\\\"merges\\\": [\"},"
        + "\"behavior\":\"Isolated\",\"invert\":false},\"post_processor\":null,\"decoder\":null,\"model\":" + model + after + "}";
  }

  /** A small document made large enough to be read from its bytes, by spaces after it. */
  private static byte[] padded(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(bytes, Math.max(bytes.length, ModelBytes.MIN_BYTES));
    Arrays.fill(out, bytes.length, out.length, (byte) ' ');
    return out;
  }

  private static ModelBytes read(byte[] doc) {
    return ModelBytes.read(doc, doc.length, MAPPER.getFactory().streamReadConstraints());
  }

  private static String outcome(byte[] doc, boolean fromBytes) {
    try {
      Pipeline p;
      if (fromBytes) {
        p = TokenizerJsonReader.read(doc, doc.length, MAPPER.getFactory());
      } else {
        try (JsonParser parser = MAPPER.createParser(doc)) {
          p = TokenizerJsonReader.read(parser);
        }
      }
      StringBuilder sb = new StringBuilder("loads: ").append(p.idBound()).append(' ');
      for (int id = 0; id < p.idBound(); id += id < 40 ? 1 : 997) sb.append(id).append('=').append(p.idToToken(id).orElse(null)).append(' ');
      if (p.model() instanceof BpeModel bpe) {
        sb.append(bpe.merges().size()).append(' ').append(bpe.merges().subList(0, Math.min(5, bpe.merges().size())));
        if (!bpe.merges().isEmpty()) sb.append(bpe.merges().get(bpe.merges().size() - 1));
      }
      return sb.toString();
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Test
  void readsTheModelsFieldsAndNothingElse() {
    String doc = "\uFEFF {\"x\":{\"model\":{\"merges\":[1]}},\"s\":\"\\\"model\\\":{\\\"merges\\\":[\",\"model\" : {\"vocab\" : { \"merges\" : 0 ,\"]}\":1},"
        + " \"merges\":[[\"a\",\"b\"], \"c d\"]}}";
    ModelBytes read = read(padded(doc));
    assertNotNull(read);
    ModelArrays arrays = read.arrays();
    assertEquals(List.of("merges", "]}"), Arrays.asList(arrays.tokens).subList(0, arrays.tokenCount));
    assertArrayEquals(new int[] {0, 1}, Arrays.copyOf(arrays.ids, arrays.tokenCount));
    assertEquals("abc d", new String(arrays.mergeChars, 0, arrays.charCount));
    assertEquals(2, arrays.mergeCount);
    assertArrayEquals(new int[] {0, 1, 2, -1, 2, 5}, new int[] {arrays.starts[0], arrays.mids[0], arrays.ends[0], arrays.mids[1], arrays.starts[1], arrays.ends[1]});
    for (String none : List.of("{\"model\":{\"merges\":{}}}", "{\"model\":[\"merges\",[]]}", "{\"model\":{\"vocab\":{\"merges\":[]}}}", "[{\"model\":{\"merges\":[]}}]",
        "{\"model\":{}, \"merges\":[]}", "{\"model\":\"{\\\"merges\\\":[]}\"}", "{\"model\":{\"merges\"", "{\"model\":{\"merges\":[[\"a\",\"b\"]",
        "{\"model\":{\"merges\":[],\"merges\":[]}}", "{\"model\":{\"vocab\":{\"a\":01}}}", "{\"model\":{\"vocab\":{\"a\":1.0}}}", "{\"model\":{\"vocab\":{\"a\":-1}}}",
        "{\"model\":{\"vocab\":{\"a\":1234567890}}}", "{\"model\":{\"vocab\":{\"a\\u00\":1}}}", "{\"model\":{\"vocab\":{\"a\\x\":1}}}",
        "{\"model\":{\"vocab\":{\"a\tb\":1}}}", "{\"model\":{\"merges\":[[\"a\"]]}}", "{\"model\":{\"merges\":[[\"a\",\"b\",\"c\"]]}}", "{\"model\":{\"merges\":[null]}}")) {
      assertNull(read(padded(none)), none);
    }
    byte[] utf16 = padded(new String("{\"model\":{\"merges\":[]}}".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
    assertNull(read(utf16));
    // Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a surrogate) are Jackson's to judge.
    for (byte[] bad : List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
      byte[] doc2 = padded("{\"model\":{\"vocab\":{\"aXXX\":1}}}");
      System.arraycopy(bad, 0, doc2, "{\"model\":{\"vocab\":{\"a".length(), bad.length);
      assertNull(read(doc2));
    }
  }

  @Test
  void readsStringsAsJacksonDoes() {
    String escaped = "\\u00e9\\n\\\"\\\\\\/\\b\\f\\r\\t";
    String tokens = ",\"" + escaped + "\":180002,\"é😀ü€\":180003,\"" + escaped + "é😀ü€\":180004,\"\\ud83d\\ude00\\uD83D\\uDE01\":180005,\"\":180006";
    String model = model(60_000, tokens).replace("\"merges\":[", "\"merges\":[[\"" + escaped + "\",\"é😀ü€\"],");
    byte[] doc = document(model, "").getBytes(StandardCharsets.UTF_8);
    assertNotNull(read(doc));
    String whole = outcome(doc, false);
    assertTrue(whole.startsWith("loads: 180007 "), whole);
    assertEquals(whole, outcome(doc, true));
  }

  @Test
  void aDocumentReadFromItsBytesGivesTheWholeReadsModel() throws IOException {
    byte[] doc = document(model(60_000, ""), "").getBytes(StandardCharsets.UTF_8);
    ModelBytes read = read(doc);
    assertNotNull(read);
    try (JsonParser p = MAPPER.createParser(read.skeleton())) {
      TokenizerJsonReader.read(p, read);
    }
    assertTrue(read.allTaken(), "the vocabulary and merges read from the bytes were taken");
    String whole = outcome(doc, false);
    assertTrue(whole.startsWith("loads: 180002 "), whole);
    assertEquals(whole, outcome(doc, true));
    // The merges before the vocabulary.
    String swapped = document("{\"type\":\"BPE\",\"merges\":[" + model(60_000, "").split("\"merges\":\\[")[1].replaceFirst("]}$", "],\"vocab\":{")
        + model(60_000, "").split("\"vocab\":\\{")[1].split("},\"merges\"")[0] + "}}", "");
    byte[] swappedBytes = swapped.getBytes(StandardCharsets.UTF_8);
    assertNotNull(read(swappedBytes));
    assertEquals(whole, outcome(swappedBytes, true));
  }

  @Test
  void aBrokenOrUnusualDocumentGivesTheWholeReadsOutcome() {
    String model = model(60_000, "");
    List<String> documents = List.of(
        document(model.replace("[\"x10\",\"y10\"]", "[\"x10\",\"z\"]"), ""),
        document(model.replace("[\"x10\",\"y10\"]", "[\"x10\" \"y10\"]"), ""),
        document(model.replace("[\"x10\",\"y10\"]", "[\"x10\",\"y10\"],\"a b\""), ""),
        document(model.replace("[\"x10\",\"y10\"]", "{\"k\":1,\"k\":2}"), ""),
        document(model.replace("\"y10\":", "\"x10\":"), ""),
        document(model.replace("\"y10\":33", "\"y10\":033"), ""),
        document(model.replace("\"y10\":33", "\"y10\":33.0"), ""),
        document(model.replace("\"y10\":33", "\"y10\":2147483648"), ""),
        document(model.replace("\"y10\":33", "\"y10\":\"32\""), ""),
        document(model.replace("\"y10\":", "\"y1\\u0030\":"), ""),
        document(model.replace("\"y10\":", "\"y1\\q\":"), ""),
        document(model.replace("\"y10\":", "\"y1\\uD800\":"), ""),
        document(model.replace("\"y10\":", "\"y1\\uDC00\\uD800\":"), ""),
        document(model.replace("[\"x10\",\"y10\"]", "[\"x10\",\"\\uD800\"]"), ""),
        document(model.replace("\"y10\":", "\"y1\u00010\":"), ""),
        document(model.replace("\"y10\":", "\"" + "y".repeat(60_000) + "\":"), ""),
        document(model.substring(0, model.length() - 1) + ",\"merges\":[]}", ""),
        document(model.substring(0, model.length() - 1) + ",\"vocab\":{}}", ""),
        document(model, ",\"version\":\"1.0\""),
        document(model, ",\"x\":"),
        document(model.substring(0, model.length() - 1) + ",\"dropout\":0.5}", ""),
        document(model.substring(0, model.length() - 2), ""),
        document(model.replace("{\"type\":\"BPE\",", "{\"type\":\"WordLevel\",\"unk_token\":\"a\","), ""));
    List<String> differences = new ArrayList<>();
    for (String doc : documents) {
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      String whole = outcome(bytes, false);
      String fromBytes = outcome(bytes, true);
      if (!fromBytes.equals(whole)) differences.add("whole: " + whole + "\n  from bytes: " + fromBytes);
    }
    assertEquals("", String.join("\n", differences));
  }
}
