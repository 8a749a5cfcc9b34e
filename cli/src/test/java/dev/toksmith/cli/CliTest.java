package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end through {@link Main#run}, with captured streams. */
class CliTest {
  @TempDir static Path dir;
  static Path tokenizer;

  /** What one run printed and returned. */
  record Result(int code, byte[] out, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  static Result run(byte[] stdin, String... args) {
    return run(new ByteArrayInputStream(stdin), new ByteArrayOutputStream(), args);
  }

  /** A run reading {@code stdin} and writing to {@code out}, for tests that watch the output as input is read. */
  static Result run(InputStream stdin, ByteArrayOutputStream out, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Main.Streams(stdin, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false), args);
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(String... args) {
    return run(new byte[0], args);
  }

  @BeforeAll
  static void trainSmallTokenizer() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus/sub"));
    Files.writeString(dir.resolve("corpus/a.txt"), Samples.byName("us-constitution").text());
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(corpus.resolve("b.txt.gz")))) {
      gz.write((Samples.byName("udhr-deu").text() + Samples.byName("udhr-cmn-hans").text()).getBytes(StandardCharsets.UTF_8));
    }
    tokenizer = dir.resolve("legal.json");
    Result r = run("train", "--vocab-size", "400", "--special-tokens", "<s>,</s>", "--output", tokenizer.toString(), dir.resolve("corpus").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("trained 400 tokens"), r.err());
    assertEquals("", r.outText(), "the summary is a message, on standard error");
    assertTrue(Files.exists(tokenizer));
  }

  @Test
  void encodeThenDecodeGivesTheInputBackByteForByte() {
    byte[] input = concat(
        "The court held.\r\n".getBytes(StandardCharsets.UTF_8),
        "\n".getBytes(StandardCharsets.UTF_8),
        "lone\rCR and 法院 😀 e\u0301\n".getBytes(StandardCharsets.UTF_8),
        new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'},
        "<s>no final newline</s>".getBytes(StandardCharsets.UTF_8));
    Result ids = run(input, "encode", "--tokenizer", tokenizer.toString());
    assertEquals(0, ids.code(), ids.err());
    assertEquals(5, ids.outText().split("\n", -1).length, "one output line per input line, final newline mirrored");
    assertTrue(ids.outText().split("\n", -1)[1].isEmpty(), "an empty line gives an empty line");
    Result text = run(ids.out(), "decode", "--tokenizer", tokenizer.toString());
    assertEquals(0, text.code(), text.err());
    assertArrayEquals(input, text.out());
  }

  @Test
  void tokensFormatEscapesWhitespaceAndBackslash() {
    Result r = run("a\\b\tc".getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString(), "--format", "tokens");
    assertEquals(0, r.code(), r.err());
    String line = r.outText();
    assertFalse(line.contains("\t"));
    assertTrue(line.contains("\\\\"), line);
    assertTrue(line.contains("\\t") || line.contains("ĉ"), line);
  }

  /**
   * {@code --format tokens} with a WordLevel tokenizer (no byte-level spelling) whose tokens hold every
   * character the format escapes, and backslash sequences that look like escapes: the documented
   * escapes, and reading the line back (split at spaces, escapes undone) gives Hugging Face's tokens.
   */
  @Test
  void tokensFormatEscapesWordLevelTokensUnambiguously() throws Exception {
    List<String> words = List.of("a b", "c\td", "e\r\nf", "g\\h", "\\s", "\\n", " ", "\\", "\n", "\t\t", "x\ry");
    StringBuilder vocab = new StringBuilder("\"[UNK]\":0");
    for (int i = 0; i < words.size(); i++) vocab.append(',').append(HfReference.quote(words.get(i))).append(':').append(i + 1);
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[{\"id\":0,\"content\":\"[UNK]\",\"single_word\":false,"
        + "\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"CharDelimiterSplit\","
        + "\"delimiter\":\"|\"},\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{" + vocab + "},\"unk_token\":\"[UNK]\"}}";
    Path file = Files.writeString(dir.resolve("word-level.json"), json);
    String text = String.join("|", words) + "|unknown";
    // A plain line (raw bytes) cannot hold the tokens with \n, which would end it.
    String line = String.join("|", words.stream().filter(w -> !w.contains("\n")).toList());
    HfReference.Encoded reference;
    HfReference.Encoded referenceLine;
    try (HfReference hf = HfReference.load(json)) {
      reference = hf.encode(text);
      referenceLine = hf.encode(line);
    }
    // --jsonl-field, so that a token can hold \n.
    byte[] input = ("{\"text\":" + HfReference.quote(text) + "}\n").getBytes(StandardCharsets.UTF_8);
    Result tokens = run(input, "encode", "-t", file.toString(), "--jsonl-field", "text", "--format", "tokens");
    assertEquals(0, tokens.code(), tokens.err());
    assertEquals("a\\sb c\\td e\\r\\nf g\\\\h \\\\s \\\\n \\s \\\\ \\n \\t\\t x\\ry [UNK]\n", tokens.outText());
    assertEquals(Arrays.asList(reference.tokens()), readTokens(tokens.outText().strip()));
    Result ids = run(input, "encode", "-t", file.toString(), "--jsonl-field", "text");
    assertEquals(Arrays.stream(reference.ids()).mapToObj(Long::toString).collect(Collectors.joining(" ")) + "\n", ids.outText());

    Result plain = run(line.getBytes(StandardCharsets.UTF_8), "encode", "-t", file.toString(), "--format", "tokens");
    assertEquals(0, plain.code(), plain.err());
    assertEquals("a\\sb c\\td g\\\\h \\\\s \\\\n \\s \\\\ \\t\\t x\\ry", plain.outText());
    assertEquals(Arrays.asList(referenceLine.tokens()), readTokens(plain.outText()));
  }

  /** A {@code --format tokens} line read back: tokens at single spaces, each escape undone, any other escape an error. */
  private static List<String> readTokens(String line) {
    List<String> tokens = new ArrayList<>();
    for (String word : line.split(" ", -1)) {
      StringBuilder token = new StringBuilder();
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (c != '\\') {
          token.append(c);
          continue;
        }
        char escaped = word.charAt(++i);
        token.append(switch (escaped) {
          case 's' -> ' ';
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case '\\' -> '\\';
          default -> throw new AssertionError("unknown escape \\" + escaped + " in " + line);
        });
      }
      tokens.add(token.toString());
    }
    return tokens;
  }

  @Test
  void jsonlFormatListsIdsAndTokensThatJoinToTheText() throws Exception {
    String line = "The court held 法院 😀 e\u0301";
    Result r = run((line + "\n").getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString(), "--format", "jsonl", "--offsets");
    assertEquals(0, r.code(), r.err());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.outText());
    StringBuilder joined = new StringBuilder();
    json.get("tokens").forEach(t -> joined.append(t.asText()));
    assertEquals(line, joined.toString());
    assertEquals(json.get("ids").size(), json.get("tokens").size());
    assertEquals(json.get("ids").size(), json.get("offsets").size());
    Result ids = run((line + "\n").getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString());
    StringBuilder fromJson = new StringBuilder();
    json.get("ids").forEach(id -> fromJson.append(fromJson.length() == 0 ? "" : " ").append(id.asInt()));
    assertEquals(ids.outText().trim(), fromJson.toString());
  }

  @Test
  void jsonlFieldInput() {
    Result r = run("{\"id\":1,\"text\":\"The court\"}\n{\"text\":\"held\\n\"}\n".getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString(), "--jsonl-field", "text");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.outText().split("\n");
    assertEquals(2, lines.length);
    Result back = run((lines[1] + "\n").getBytes(StandardCharsets.UTF_8), "decode", "-t", tokenizer.toString());
    assertEquals("held\n\n", back.outText());
  }

  @Test
  void addSpecialTokensAndSkipSpecialTokens() {
    Result ids = run("<s>The court</s>".getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString());
    assertTrue(ids.outText().startsWith("0 "), ids.outText());
    Result text = run(ids.out(), "decode", "-t", tokenizer.toString(), "--skip-special-tokens");
    assertEquals("The court", text.outText());
  }

  @Test
  void inspectDescribesTheTokenizer() {
    Result r = run("inspect", "--tokenizer", tokenizer.toString());
    assertEquals(0, r.code(), r.err());
    String out = r.outText();
    assertTrue(out.contains("BPE"), out);
    assertTrue(out.contains("vocabulary:     400 tokens"), out);
    assertTrue(out.contains("0=<s>") && out.contains("1=</s>"), out);
    assertTrue(out.contains("ByteLevel"), out);
  }

  @Test
  void trainWithoutInputsUsesTheBundledSamples() {
    Path out = dir.resolve("samples.json");
    Result r = run("train", "--vocab-size", "600", "--output", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("bundled samples"), r.err());
    assertTrue(Files.exists(out));
  }

  @Test
  void convertWritesATokenizerThatGivesTheSameIds() throws Exception {
    Path converted = dir.resolve("converted.json");
    Result r = run("convert", "-t", tokenizer.toString(), "--output", converted.toString());
    assertEquals(0, r.code(), r.err());
    byte[] input = "The court held 法院 😀\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(run(input, "encode", "-t", tokenizer.toString()).outText(), run(input, "encode", "-t", converted.toString()).outText());
  }

  @Test
  void streamingDecodeWritesCompleteCharactersOnly() {
    String text = "Emoji 😀 and 法院 split across byte tokens.\nSecond line.";
    Result ids = run(text.getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString());
    // One id per line, as a model would emit them.
    byte[] oneIdPerLine = ids.outText().replace(' ', '\n').getBytes(StandardCharsets.UTF_8);
    Result streamed = run(oneIdPerLine, "decode", "-t", tokenizer.toString(), "--stream");
    assertEquals(0, streamed.code(), streamed.err());
    assertEquals(text.replace("\n", ""), streamed.outText().replace("\n", ""));
    assertError(run("12 x\n".getBytes(StandardCharsets.UTF_8), "decode", "-t", tokenizer.toString(), "--stream"), 1, "not part of a token id");
  }

  @Test
  void pairsTruncationAndPaddingFromTheCommandLine() throws Exception {
    String line = "{\"q\":\"What did the court hold?\",\"c\":\"The court held that the statute applies to every case before it.\"}\n";
    Result r = run(line.getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString(), "--jsonl-field", "q", "--pair-field", "c", "--format", "jsonl",
        "--max-length", "12", "--stride", "2", "--padding", "max_length", "--pad-id", "1", "--offsets");
    assertEquals(0, r.code(), r.err());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.outText());
    assertEquals(12, json.get("ids").size());
    assertEquals(12, json.get("type_ids").size());
    assertTrue(json.get("type_ids").toString().contains("1"), "the pair has type id 1");
    assertTrue(json.get("overflowing").size() > 0, "truncation keeps what it cut");
    for (var piece : json.get("overflowing")) assertEquals(12, piece.get("attention_mask").size(), "pieces are padded too");
    Result ids = run("The court held that the statute applies.\n".getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString(), "--max-length", "3");
    assertEquals(3, ids.outText().trim().split(" ").length);
    Result padded = run("The\n".getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString(), "--padding", "longest", "--pad-to-multiple-of", "4", "--pad-id", "1");
    assertEquals(4, padded.outText().trim().split(" ").length);
    assertError(run("encode", "-t", tokenizer.toString(), "--pair-field", "c"), 2, "--pair-field needs --jsonl-field");
    assertError(run("encode", "-t", tokenizer.toString(), "--padding", "max_length", "--pad-id", "1"), 2, "--padding max_length needs --max-length");
    assertError(run("encode", "-t", tokenizer.toString(), "--padding", "longest"), 2, "give --pad-id");
    assertError(run("encode", "-t", tokenizer.toString(), "--truncation", "sideways", "--max-length", "3"), 2, "unknown --truncation sideways");
  }

  @Test
  void versionAndHelp() {
    Result v = run("--version");
    assertEquals(0, v.code());
    assertTrue(v.outText().startsWith("toksmith "), v.outText());
    for (String command : new String[] {"train", "encode", "decode", "inspect", "convert"}) {
      Result h = run(command, "--help");
      assertEquals(0, h.code(), command);
      assertTrue(h.outText().contains("Usage: toksmith " + command), h.outText());
    }
  }

  /** An error: one line on stderr, the given exit code, no stack trace. */
  private static void assertError(Result r, int code, String expected) {
    assertEquals(code, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    if (code == 1) assertEquals(1, r.err().strip().split("\n").length, r.err());
  }

  @Test
  void errorsAreOneLineWithExitCodes() throws Exception {
    assertError(run("encode", "-t", dir.resolve("missing.json").toString()), 1, "missing.json: no such tokenizer file");
    Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"model\": [");
    assertError(run("encode", "-t", corrupt.toString()), 1, "corrupt.json: not valid JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 11) (line 1, column 12)");
    assertFalse(run("encode", "-t", corrupt.toString()).err().contains("Source"), "no Jackson location noise");
    Path empty = Files.createDirectories(dir.resolve("empty-dir"));
    assertError(run("encode", "-t", empty.toString()), 1, "toksmith: " + empty + ": a directory holding no tokenizer (tokenizer.json, or vocab.json and merges.txt)");
    Path unknown = Files.writeString(dir.resolve("unknown.json"), Files.readString(tokenizer).replace("\"fuse_unk\"", "\"fuse_unknown\""));
    assertError(run("encode", "-t", unknown.toString()), 1, "model.fuse_unknown: unknown field");
    assertError(run("12 999999\n".getBytes(StandardCharsets.UTF_8), "decode", "-t", tokenizer.toString()), 1, "stdin:1: id 999999 is not in the vocabulary");
    assertError(run("12 x3\n".getBytes(StandardCharsets.UTF_8), "decode", "-t", tokenizer.toString()), 1, "stdin:1: 'x3' is not a token id");
    assertError(run(new byte[] {'o', 'k', '\n', (byte) 0xFF, '\n'}, "encode", "-t", tokenizer.toString(), "--format", "jsonl"), 1, "stdin:2: invalid UTF-8");
    assertError(run("{\"text\": 1}\n".getBytes(StandardCharsets.UTF_8), "encode", "-t", tokenizer.toString(), "--jsonl-field", "text"), 1, "stdin:1:");
    assertError(run("train", "--output", dir.resolve("never.json").toString(), dir.resolve("no-such-dir").toString()), 1, "no-such-dir");
    assertFalse(Files.exists(dir.resolve("never.json")), "a failed train writes no file");
    assertError(run("encode"), 2, "Missing required option");
    assertError(run("encode", "-t", tokenizer.toString(), "--bogus"), 2, "Unknown option");
    assertError(run("train", "--vocab-size", "10"), 2, "vocabulary size 10 is below 256");
    assertError(run("train", "--normalizer", "nfx"), 2, "unknown normalizer 'nfx'");
    assertError(run(), 2, "missing command");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Result r = run("encode", "--verbose", "-t", dir.resolve("missing.json").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("\tat "), r.err());
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}
