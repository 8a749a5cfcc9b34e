package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.cli.CliTest.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors quote at most about 100 characters of the input that caused them, with control bytes shown
 * as escapes: a 2 MB value full of ESC and NUL bytes comes back as one short, harmless line.
 */
class BoundedMessagesCliTest {
  /** ESC [ 2 J clears a terminal; NUL, BEL and a carriage return do their own harm. */
  private static final String HOSTILE = "\u001b[2J\u0000\u0007\r" + "x".repeat(2_000_000) + "\u001b]0;title\u0007";

  /** JSON member names have their own bound (Jackson's 50,000 characters). */
  private static final String HOSTILE_NAME = HOSTILE.substring(0, 10_000);

  @TempDir Path dir;

  /** One line on standard error, no longer than the bound, without a control character. */
  private static void assertOneSafeLine(Result r, String expectedStart) {
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().endsWith("\n"), r.err());
    String line = r.err().substring(0, r.err().length() - 1);
    assertTrue(line.length() <= "toksmith: ".length() + Errors.MAX_LENGTH, "bounded: " + line.length() + " chars");
    assertTrue(line.chars().noneMatch(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)), "no control character: " + line.substring(0, Math.min(300, line.length())));
    assertTrue(line.startsWith(expectedStart), line);
  }

  @Test
  void tokenizerJsonStringValues() throws Exception {
    Path version = Files.writeString(dir.resolve("version.json"), "{\"version\": " + json(HOSTILE) + ", \"model\": {}}");
    Result r = CliTest.run("inspect", "-t", version.toString());
    assertOneSafeLine(r, "toksmith: " + version + ": version: unknown tokenizer.json version \\x1b[2J\\x00\\x07\\rxxx");
    assertTrue(r.err().contains("xxx... (" + (HOSTILE.length() - 100) + " more characters)"), r.err());

    Path type = Files.writeString(dir.resolve("type.json"), "{\"model\": {\"type\": " + json(HOSTILE) + "}}");
    assertOneSafeLine(CliTest.run("inspect", "-t", type.toString()), "toksmith: " + type + ": model.type: model type \\x1b[2J");

    Path key = Files.writeString(dir.resolve("key.json"), "{" + json(HOSTILE_NAME) + ": 1, \"model\": {}}");
    assertOneSafeLine(CliTest.run("inspect", "-t", key.toString()), "toksmith: " + key + ": \\x1b[2J\\x00\\x07\\rxxx");

    Path vocab = Files.writeString(dir.resolve("word-level.json"),
        "{\"model\": {\"type\": \"WordLevel\", \"unk_token\": \"a\", \"vocab\": {\"a\": 0, " + json(HOSTILE_NAME) + ": \"one\"}}}");
    assertOneSafeLine(CliTest.run("inspect", "-t", vocab.toString()), "toksmith: " + vocab + ": model.vocab[\"\\x1b[2J");
  }

  @Test
  void rankFileLines() throws Exception {
    Path ranks = Files.writeString(dir.resolve("r.tiktoken"), HOSTILE.replace('\r', 'y') + " 0\n");
    assertOneSafeLine(CliTest.run("inspect", "-t", ranks + "#pattern=cl100k_base"), "toksmith: " + ranks + ":1: invalid base64 token [2J\\x00\\x07y");
  }

  @Test
  void idsAndJsonLinesOnStandardInput() {
    byte[] ids = ("12 " + HOSTILE + "\n").getBytes(StandardCharsets.UTF_8);
    assertOneSafeLine(CliTest.run(ids, "decode", "-t", "gpt2"), "toksmith: stdin:1: '\\x1b[2J");
    assertOneSafeLine(CliTest.run(("\u001b" + HOSTILE).getBytes(StandardCharsets.UTF_8), "decode", "-t", "gpt2", "--stream"),
        "toksmith: stdin: byte 1: '\\x1b' is not part of a token id");
    byte[] digits = ("1" + "9".repeat(3_000_000) + " 1\n").getBytes(StandardCharsets.UTF_8);
    assertOneSafeLine(CliTest.run(digits, "decode", "-t", "gpt2", "--stream"), "toksmith: stdin: byte 1: a number of 3000001 digits is not a token id");
    byte[] jsonl = ("{\"text\": " + json(HOSTILE).replace("\\u0000", "\u0000") + "}\n").getBytes(StandardCharsets.UTF_8);
    assertOneSafeLine(CliTest.run(jsonl, "encode", "-t", "gpt2", "--jsonl-field", "text"), "toksmith: stdin:1: invalid JSON: unescaped control character U+0000");
  }

  @Test
  void commandLineArguments() {
    Result r = CliTest.run("encode", "-t", "gpt2", "--threads", HOSTILE);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().length() < 600, r.err().length() + " chars");
    assertFalse(r.err().substring(0, r.err().length() - 1).chars().anyMatch(c -> c < 0x20), r.err());
  }

  /** {@code s} as a JSON string literal, control characters as {@code \\u} escapes. */
  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == '"' || c == '\\') out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
