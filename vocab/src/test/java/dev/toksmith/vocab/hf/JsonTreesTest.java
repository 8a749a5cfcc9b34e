package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toksmith.vocab.RealTokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link JsonTrees} against Jackson's own {@code readTree} with the settings toksmith read tokenizer.json
 * with before (decimal numbers as written, a key given twice refused): the same nodes, of the same
 * classes, for the bundled tokenizer.json files, the real ones when fetched, and numbers and nesting
 * of every kind.
 */
class JsonTreesTest {
  private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxDocumentLength(Long.MAX_VALUE).build()).build();
  private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private static void readsAsJacksonDoes(byte[] json) throws IOException {
    JsonNode expected = MAPPER.readTree(json);
    JsonNode actual;
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      actual = JsonTrees.read(p);
    }
    assertSame(expected, actual, "");
  }

  /** Equal nodes of equal classes all the way down, and equal text (a decimal's digits as written). */
  private static void assertSame(JsonNode expected, JsonNode actual, String at) {
    assertEquals(expected.getClass(), actual.getClass(), "node class at " + at);
    assertEquals(expected.size(), actual.size(), "size at " + at);
    if (expected.isObject()) {
      expected.fields().forEachRemaining(e -> assertSame(e.getValue(), actual.get(e.getKey()), at + "." + e.getKey()));
      assertEquals(List.copyOf(iterable(expected.fieldNames())), List.copyOf(iterable(actual.fieldNames())), "keys in order at " + at);
    } else if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) assertSame(expected.get(i), actual.get(i), at + "[" + i + "]");
    } else {
      assertEquals(expected, actual, "value at " + at);
      assertEquals(expected.toString(), actual.toString(), "text at " + at);
    }
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> all = new java.util.ArrayList<>();
    it.forEachRemaining(all::add);
    return all;
  }

  @Test
  void numbersStringsAndNestingReadAsJacksonReadsThem() throws IOException {
    for (String json : List.of("0", "-0", "7", "-2147483648", "2147483647", "2147483648", "-9223372036854775808", "9223372036854775807",
        "9223372036854775808", "123456789012345678901234567890", "0.0", "-0.0", "1.50", "1.500000", "0.1", "1e5", "1E+5", "2.5e-3",
        "1.0E10", "-1.25e-300", "3.141592653589793238462643383279", "1e400", "true", "false", "null", "\"\"", "\"a\\u0000\\ud83d\\ude00\\n\"",
        "[]", "{}", "[[],[{}],{\"a\":[]}]", "{\"a\":1,\"b\":[1,2.50,\"x\",null,true],\"c\":{\"d\":{\"e\":-0.0}}}",
        "{\"dropout\":null,\"scores\":[[\"a\",-1.0],[\"b\",-12.345600]]}")) {
      readsAsJacksonDoes(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void aKeyGivenTwiceIsRefusedInTheParsersWords() throws IOException {
    JsonFactory lenient = new JsonFactory();
    try (JsonParser p = lenient.createParser("{\"a\":{\"b\":1,\"b\":2}}")) {
      p.nextToken();
      JsonParseException e = assertThrows(JsonParseException.class, () -> JsonTrees.read(p));
      assertTrue(e.getOriginalMessage().equals("Duplicate field 'b'"), e.getOriginalMessage());
    }
    try (JsonParser p = FACTORY.createParser("{\"a\":{\"b\":1,\"b\":2}}")) {
      p.nextToken();
      JsonParseException e = assertThrows(JsonParseException.class, () -> JsonTrees.read(p));
      assertTrue(e.getOriginalMessage().startsWith("Duplicate field 'b'"), e.getOriginalMessage());
    }
  }

  @TestFactory
  Stream<DynamicTest> bundledTokenizerFilesReadAsJacksonReadsThem() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(Path.of("src/test/resources"))) {
      files = all.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(files.size() >= 10, "bundled tokenizer.json files found: " + files.size());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> readsAsJacksonDoes(Files.readAllBytes(f))));
  }

  @TestFactory
  Stream<DynamicTest> realTokenizerFilesReadAsJacksonReadsThem() throws IOException {
    return RealTokenizerFiles.eachFile(Path.of(""), file -> readsAsJacksonDoes(Files.readAllBytes(file)));
  }
}
