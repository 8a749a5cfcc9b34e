package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.onnx.TinyGpt2;
import dev.toksmith.samples.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toksmith lm} with a neural model: an ONNX export directory wherever a model file goes. */
class LmOnnxCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path network;
  static Path texts;
  static Path ngram;

  @BeforeAll
  static void setUp() throws Exception {
    network = TinyGpt2.export(TinyGpt2.WITH_PAST, dir);
    texts = dir.resolve("texts.txt");
    // The third line holds the tokenizer's special token as text: it is read as plain text.
    Files.writeString(texts, "We the People of the United States\nnaïve café: “quoted” 🙂\nends with <|endoftext|> here\n");
    // An n-gram model of another tokenizer, for ensembles.
    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, Samples.byName("us-constitution").text());
    Path tokenizer = dir.resolve("other.json");
    assertEquals(0, CliTest.run("train", "--vocab-size", "300", "--output", tokenizer.toString(), corpus.toString()).code());
    ngram = dir.resolve("other.lm");
    Result trained = CliTest.run("lm", "train", "-t", tokenizer.toString(), "--order", "2", "-o", ngram.toString(), corpus.toString());
    assertEquals(0, trained.code(), trained.err());
  }

  @Test
  void nextByteDistributionOfANeuralModel() throws Exception {
    Result r = CliTest.run("lm", "next", "-m", network.toString(), "--prompt", "We the Peo", "--format", "json");
    assertEquals(0, r.code(), r.err());
    double sum = 0;
    for (JsonNode outcome : JSON.readTree(r.outText()).get("distribution")) sum += outcome.get("p").asDouble();
    assertEquals(1.0, sum, 1e-9);
    Result file = CliTest.run("lm", "next", "-m", network.resolve("model.onnx").toString(), "--prompt", "We the Peo", "--format", "json");
    assertEquals(r.outText(), file.outText(), "the model file names its directory");
  }

  /** With the canonical mask (the default) the two levels agree; read as it is, the network does not. */
  @Test
  void byteAndTokenLevelScoresAgree() throws Exception {
    double bytes = bits("-m", network.toString());
    double tokens = bits("-m", network.toString(), "--level", "tokens");
    assertEquals(tokens, bytes, 1e-6);
    double rawBytes = bits("-m", network.toString(), "--allow-invalid");
    double rawTokens = bits("-m", network.toString(), "--allow-invalid", "--level", "tokens");
    assertTrue(Math.abs(rawBytes - rawTokens) > 1e-3, rawBytes + " vs " + rawTokens);
    assertTrue(tokens < rawTokens, "the mask raises canonical sequences' probability");
    assertEquals(bytes, bits("-m", network.toString(), "--onnx-threads", "1"), 1e-6);
  }

  @Test
  void ensembleWithAnNgramModelOfAnotherTokenizer() throws Exception {
    double a = bits("-m", network.toString());
    double b = bits("-m", ngram.toString());
    double mixed = bits("-m", network + "," + ngram);
    // Three texts, each from equal weights: at most one bit per text over the better model.
    assertTrue(mixed <= Math.min(a, b) + 3 + 1e-6 && mixed >= Math.min(a, b) - 1e-6, mixed + " vs " + a + ", " + b);
    Result product = CliTest.run("lm", "score", "-m", ngram + "," + network, "--ensemble", "product", texts.toString());
    assertEquals(0, product.code(), product.err());
  }

  @Test
  void completionMethods() {
    for (String method : new String[] {"byte", "healing", "naive"}) {
      Result r = CliTest.run("lm", "complete", "-m", network.toString(), "--prompt", "We the Peo", "--max-bytes", "12", "--method", method);
      assertEquals(0, r.code(), method + ": " + r.err());
      assertFalse(r.outText().isEmpty(), method);
    }
  }

  @Test
  void statsSayWhereTheTimeWent() {
    Result r = CliTest.run("lm", "score", "-m", network.toString(), "--stats", texts.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().matches("(?s).*model\\.onnx: \\d+ forward passes of \\d+ tokens took [0-9.]+ s of the [0-9.]+ s scoring \\([0-9.]+%; [0-9.]+% elsewhere\\)\\n"), r.err());
  }

  @Test
  void errorsAreOneLine() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertError(CliTest.run("lm", "next", "-m", empty.toString(), "--prompt", "x"), 1, "no such file or directory: " + empty.resolve("model.onnx"));
    Path noTokenizer = TinyGpt2.export(TinyGpt2.WITH_PAST, dir.resolve("no-tokenizer"));
    Files.delete(noTokenizer.resolve("tokenizer.json"));
    assertError(CliTest.run("lm", "next", "-m", noTokenizer.toString(), "--prompt", "x"), 1, noTokenizer + ": a directory holding no tokenizer");
    assertError(CliTest.run("lm", "next", "-m", network.toString(), "--prompt", "x", "--onnx-threads", "0"), 2, "--onnx-threads must be at least 1");
    Path longLine = dir.resolve("long.txt");
    Files.writeString(longLine, "x".repeat(2000) + "\n");
    assertError(CliTest.run("lm", "score", "-m", network.toString(), "--level", "tokens", longLine.toString()), 1, "does not fit the model's 256 positions");
  }

  /** encode, the path whose start-up matters, loads neither ONNX Runtime nor toksmith's onnx classes. */
  @Test
  void encodeLoadsNoOnnxClass() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-verbose:class", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "encode", "--tokenizer", "o200k_base"));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    process.getOutputStream().write("hi\n".getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), out);
    assertTrue(out.contains("dev.toksmith.cli.EncodeCommand"), "the class list is there");
    assertFalse(out.contains("ai.onnxruntime"), "ONNX Runtime loaded");
    assertFalse(out.contains("dev.toksmith.onnx"), "toksmith's onnx module loaded");

  }

  private static double bits(String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("lm", "score", "--format", "json"));
    args.addAll(List.of(options));
    args.add(texts.toString());
    Result r = CliTest.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.outText()).get("bits").asDouble();
  }

  private static void assertError(Result r, int code, String expected) {
    assertEquals(code, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
