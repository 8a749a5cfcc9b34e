package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toksmith lm}: train, next, complete and score, as a user runs them. */
class LmCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path small;
  static Path larger;
  static Path heldOut;

  @BeforeAll
  static void trainModels() throws Exception {
    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, Samples.byName("us-constitution").text() + Samples.byName("sotu-1790-washington").text());
    heldOut = dir.resolve("held-out.txt");
    Files.writeString(heldOut, Samples.byName("us-declaration-of-independence").text().substring(0, 600));
    small = train(corpus, 400, 2);
    larger = train(corpus, 900, 3);
  }

  private static Path train(Path corpus, int vocabSize, int order) {
    Path tokenizer = dir.resolve("tok-" + vocabSize + ".json");
    Result t = CliTest.run("train", "--vocab-size", Integer.toString(vocabSize), "--output", tokenizer.toString(), corpus.toString());
    assertEquals(0, t.code(), t.err());
    Path model = dir.resolve("lm-" + vocabSize + ".lm");
    Result lm = CliTest.run("lm", "train", "-t", tokenizer.toString(), "--order", Integer.toString(order), "-o", model.toString(), corpus.toString());
    assertEquals(0, lm.code(), lm.err());
    assertTrue(lm.err().contains("trained order-" + order + " model"), lm.err());
    return model;
  }

  @Test
  void nextByteDistributionSumsToOneAndListsEveryOutcome() throws Exception {
    Result r = CliTest.run("lm", "next", "-m", small.toString(), "--prompt", "the United Sta", "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode distribution = JSON.readTree(r.outText()).get("distribution");
    double sum = 0;
    double previous = 1;
    boolean eos = false;
    for (JsonNode outcome : distribution) {
      double p = outcome.get("p").asDouble();
      assertTrue(p > 0 && p <= previous, "sorted by probability: " + r.outText());
      previous = p;
      sum += p;
      if (outcome.get("byte").isTextual()) {
        assertEquals("eos", outcome.get("byte").asText());
        eos = true;
      } else {
        int b = outcome.get("byte").asInt();
        String expected = b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b);
        assertEquals(expected, outcome.get("text").asText());
      }
    }
    assertEquals(1.0, sum, 1e-9);
    assertTrue(eos, "end-of-text is an outcome");
    assertEquals("t", distribution.get(0).get("text").asText(), "'States' is the likeliest continuation");

    Result top = CliTest.run("lm", "next", "-m", small.toString(), "--prompt", "the United Sta", "--top", "2");
    assertEquals(0, top.code(), top.err());
    String[] lines = top.outText().strip().split("\n");
    assertEquals(2, lines.length, top.outText());
    assertTrue(lines[0].startsWith("116\tt\t"), top.outText());
  }

  /** A prompt file can end inside a character; the next byte then continues it. */
  @Test
  void promptsMayEndInsideACharacter() throws Exception {
    Path prompt = dir.resolve("prompt.bin");
    Files.write(prompt, new byte[] {'a', ' ', (byte) 0xC3});
    Result r = CliTest.run("lm", "next", "-m", small.toString(), "--prompt-file", prompt.toString(), "--format", "json");
    assertEquals(0, r.code(), r.err());
    double sum = 0;
    for (JsonNode outcome : JSON.readTree(r.outText()).get("distribution")) sum += outcome.get("p").asDouble();
    assertEquals(1.0, sum, 1e-9);

    Result completed = CliTest.run("lm", "complete", "-m", small.toString(), "--prompt-file", prompt.toString(), "--max-bytes", "8");
    assertEquals(0, completed.code(), completed.err());
    byte[] out = completed.out();
    int b = out[0] & 0xFF;
    assertTrue(b >= 0x80 && b <= 0xBF, "the completion first finishes the character: " + Integer.toHexString(b));
  }

  @Test
  void byteAndTokenLevelScoresAgree() throws Exception {
    JsonNode bytes = JSON.readTree(CliTest.run("lm", "score", "-m", small.toString(), "--format", "json", heldOut.toString()).outText());
    JsonNode tokens = JSON.readTree(CliTest.run("lm", "score", "-m", small.toString(), "--level", "tokens", "--format", "json", heldOut.toString()).outText());
    assertEquals(tokens.get("bits").asDouble(), bytes.get("bits").asDouble(), 1e-6);
    assertEquals(tokens.get("bytes").asLong(), bytes.get("bytes").asLong());
    assertTrue(bytes.get("bits_per_byte").asDouble() > 0.5 && bytes.get("bits_per_byte").asDouble() < 8, bytes.toString());
  }

  @Test
  void ensembleOfModelsWithDifferentTokenizers() throws Exception {
    double a = bits(small.toString());
    double b = bits(larger.toString());
    double mixture = bits(small + "," + larger);
    // Each line is a text and starts from equal weights: the mixture pays at most one bit per text
    // over the better model, and can beat both by following the better one line by line.
    long texts = JSON.readTree(CliTest.run("lm", "score", "-m", small.toString(), "--format", "json", heldOut.toString()).outText()).get("texts").asLong();
    assertTrue(mixture <= Math.min(a, b) + texts + 1e-6 && mixture < Math.max(a, b), mixture + " vs " + a + ", " + b);
    Result product = CliTest.run("lm", "score", "-m", small + "," + larger, "--ensemble", "product", heldOut.toString());
    assertEquals(0, product.code(), product.err());
    assertTrue(product.outText().contains("bits per byte"), product.outText());
    // -m repeated is the same ensemble as -m with commas, as the README says.
    assertEquals(mixture, bits(small.toString(), "-m", larger.toString()));
  }

  private static double bits(String... models) throws Exception {
    List<String> args = new ArrayList<>(List.of("lm", "score", "-m"));
    args.addAll(List.of(models));
    args.addAll(List.of("--format", "json", heldOut.toString()));
    Result r = CliTest.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.outText()).get("bits").asDouble();
  }

  @Test
  void completionMethods() {
    for (String method : new String[] {"byte", "healing", "naive"}) {
      Result r = CliTest.run("lm", "complete", "-m", small.toString(), "--prompt", "of the United Sta", "--max-bytes", "20", "--method", method);
      assertEquals(0, r.code(), method + ": " + r.err());
      assertTrue(new String(r.out(), StandardCharsets.UTF_8).length() > 0, method);
    }
    Result sampled = CliTest.run("lm", "complete", "-m", small.toString(), "--prompt", "The ", "--max-bytes", "30", "--sample", "--seed", "3");
    assertEquals(0, sampled.code(), sampled.err());
    assertEquals(sampled.outText(), CliTest.run("lm", "complete", "-m", small.toString(), "--prompt", "The ", "--max-bytes", "30", "--sample", "--seed", "3").outText(), "a seed repeats");
  }

  @Test
  void errorsAreOneLine() throws Exception {
    Path notModel = dir.resolve("not-a-model.lm");
    Files.writeString(notModel, "hello");
    assertError(CliTest.run("lm", "next", "-m", notModel.toString(), "--prompt", "x"), 1, "not a toksmith language model");
    assertError(CliTest.run("lm", "next", "-m", dir.resolve("missing.lm").toString(), "--prompt", "x"), 1, "no such file");
    assertError(CliTest.run("lm", "next", "-m", small.toString()), 2, "--prompt");
    assertError(CliTest.run("lm", "complete", "-m", small.toString(), "--prompt", "x", "--method", "beam"), 2, "--method must be byte, healing or naive");
    assertError(CliTest.run("lm", "complete", "-m", small + "," + larger, "--prompt", "x", "--method", "naive"), 2, "only --method byte combines several models");
    assertError(CliTest.run("lm", "score", "-m", small + "," + larger, "--level", "tokens", heldOut.toString()), 2, "--level tokens scores one model");
    assertError(CliTest.run("lm", "train", "-t", "r50k_base", "--order", "0", "-o", dir.resolve("x.lm").toString(), heldOut.toString()), 2, "--order must be between 1 and 8");
    assertFalse(Files.exists(dir.resolve("x.lm")));
  }

  /** Options that would change nothing are refused, not ignored. */
  @Test
  void optionsThatWouldBeIgnoredAreRefused() {
    String s = small.toString();
    assertError(CliTest.run("lm", "complete", "-m", s, "--prompt", "x", "--method", "healing", "--sample"), 2, "--sample applies to --method byte");
    assertError(CliTest.run("lm", "complete", "-m", s, "--prompt", "x", "--method", "naive", "--sample"), 2, "--sample applies to --method byte");
    assertError(CliTest.run("lm", "complete", "-m", s, "--prompt", "x", "--seed", "3"), 2, "--seed needs --sample");
    assertError(CliTest.run("lm", "next", "-m", s, "--prompt", "x", "--allow-invalid"), 2, "--allow-invalid applies to ONNX models");
    assertError(CliTest.run("lm", "score", "-m", s, "--onnx-threads", "1", heldOut.toString()), 2, "--onnx-threads applies to ONNX models");
    assertError(CliTest.run("lm", "score", "-m", s, "--ensemble", "product", heldOut.toString()), 2, "--ensemble combines several models");
  }

  private static void assertError(Result r, int code, String expected) {
    assertEquals(code, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
