package dev.toksmith.cli;

import static dev.toksmith.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --preset} and the no-argument main job, through the CLI. */
class PresetCliTest {
  @TempDir static Path dir;
  static Path corpus;

  @BeforeAll
  static void writeCorpus() throws Exception {
    corpus = dir.resolve("constitution.txt");
    Files.writeString(corpus, Samples.byName("us-constitution").text());
  }

  @Test
  void kl3mPresetHasTheSizeAndTheSpecialTokens() throws Exception {
    Path out = dir.resolve("kl3m.json");
    CliTest.Result r = run("train", "--preset", "kl3m", "--vocab-size", "3000", "-o", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("trained 3000 tokens with preset kl3m"), r.err());
    assertFalse(r.err().contains("warning"), r.err());
    Tokenizer t = Tokenizers.load(out);
    assertEquals(3000, t.vocabSize());
    assertEquals("<|start|>", t.idToToken(0).orElseThrow());
    assertEquals("</|instruction|>", t.idToToken(12).orElseThrow());
    assertEquals(1, t.encodeIds("F.3d").length, "reporter abbreviations are custom tokens");
  }

  @Test
  void customTokensFileAndPowerOfTwoPadding() throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens.txt"), "res judicata\r\n\nhabeas corpus\n");
    Path out = dir.resolve("custom.json");
    CliTest.Result r = run("train", "--preset", "kl3m", "--uncased", "--vocab-size", "3000", "--pad-to-power-of-two", "--custom-tokens", tokens.toString(),
        "--special-tokens", "<|doc|>", "-o", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    Tokenizer t = Tokenizers.load(out);
    assertEquals(4096, t.vocabSize());
    assertEquals("<|doc|>", t.idToToken(13).orElseThrow());
    assertEquals(1, t.encodeIds("Res Judicata").length, "uncased: text and custom tokens lowercased");
    assertEquals(1, t.encodeIds("habeas corpus").length);
  }

  @Test
  void characterPresetKeepsTokensShort() throws Exception {
    Path out = dir.resolve("char.json");
    CliTest.Result r = run("train", "--preset", "kl3m-char", "--vocab-size", "8192", "--max-token-length", "2", "-o", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    Tokenizer t = Tokenizers.load(out);
    assertEquals(8192, t.vocabSize());
    for (int id : t.encodeIds(Samples.byName("us-constitution").text())) {
      String token = t.idToToken(id).orElseThrow();
      assertTrue(token.length() <= 2 || token.isBlank(), token);
    }
    byte[] everyByte = new byte[256];
    for (int b = 0; b < 256; b++) everyByte[b] = (byte) b;
    assertArrayEquals(everyByte, t.decodeBytes(t.encodeBytes(everyByte), false));
  }

  @Test
  void mainJobTrainsOnLegalAndGovernmentAndComparesOnTheHeldBackSample() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TrainCommand command = new TrainCommand();
    command.main = new Main(new Main.Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false));
    command.output = dir.resolve("main-job.json");
    assertEquals(0, new PresetTraining(command).mainJob(), err.toString(StandardCharsets.UTF_8));
    // Main.run flushes standard output at the end of every run; the job alone leaves that to it.
    command.main.streams.out().flush();
    String summary = err.toString(StandardCharsets.UTF_8);
    assertTrue(summary.startsWith("trained 8192 tokens with preset kl3m"), summary);
    assertTrue(summary.contains("legal and government samples without us-declaration-of-independence (6 texts)"), summary);
    assertFalse(summary.contains("warning"), "384 padding entries of 8192 are under a tenth: " + summary);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\nCompared on the held-back sample us-declaration-of-independence"), text);
    for (String name : new String[] {command.output.toString(), "cl100k_base", "o200k_base"}) {
      assertTrue(text.lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("us-declaration-of-independence")), name + " row in\n" + text);
    }
    assertTrue(text.contains("Relative to baseline o200k_base"), text);
    assertEquals(8192, Tokenizers.load(command.output).vocabSize());

    // Run again, it finds the file it wrote: a tokenizer the user may have made is never overwritten by the main job.
    byte[] before = Files.readAllBytes(command.output);
    IOException refused = assertThrows(IOException.class, () -> new PresetTraining(command).mainJob());
    assertEquals(command.output + " exists already, and the main job does not overwrite it: remove it, or train with arguments, which write where -o says "
        + "(e.g. toksmith train --preset kl3m --vocab-size 8192 -o FILE INPUT...)", refused.getMessage());
    assertArrayEquals(before, Files.readAllBytes(command.output));
  }

  @Test
  void paddingMoreThanATenthOfTheVocabularyIsWarnedOf() throws Exception {
    Path out = dir.resolve("padded.json");
    CliTest.Result r = run("train", "--preset", "kl3m-char", "-o", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    java.util.regex.Matcher warning = java.util.regex.Pattern.compile("warning: (\\d+) of the 4096 entries \\((\\d+)%\\) are padding").matcher(r.err());
    assertTrue(warning.find(), r.err());
    assertTrue(Integer.parseInt(warning.group(1)) > 410, r.err());
    assertTrue(r.err().contains(", " + warning.group(1) + " padding\n"), "the warning counts the summary's padding: " + r.err());
  }

  @Test
  void presetUsageErrors() throws Exception {
    assertError(run("train", "--cased", corpus.toString()), 2, "--cased needs --preset");
    assertError(run("train", "--pad-to-power-of-two", corpus.toString()), 2, "--pad-to-power-of-two needs --preset");
    assertError(run("train", "--preset", "kl3m-char", "--vocab-size", "5000", corpus.toString()), 2, "4096, 8192 or 16384");
    assertError(run("train", "--preset", "kl3m-char", "--custom-tokens", corpus.toString(), corpus.toString()), 2, "kl3m-char takes no custom tokens");
    assertError(run("train", "--preset", "kl3m-char", "--pad-to-power-of-two", corpus.toString()), 2, "kl3m-char sizes are powers of two already; drop --pad-to-power-of-two");
    assertError(run("train", "--preset", "kl3m", "--normalizer", "nfc", corpus.toString()), 2, "--normalizer does not combine with --preset");
    assertError(run("train", "--preset", "kl3m", "--vocab-size", "1000", corpus.toString()), 2, "custom tokens");
    assertError(run("train", "--preset", "gpt", corpus.toString()), 2, "unknown preset 'gpt'");
    assertError(run("train", "--preset", "kl3m", "--cased", "--uncased", corpus.toString()), 2, "mutually exclusive");
    assertError(run("train", "--preset", "kl3m-char", "--max-token-length", "1", corpus.toString()), 2, "at least 2");
    Path never = dir.resolve("never.json");
    assertError(run("train", "--preset", "kl3m", "--custom-tokens", dir.resolve("missing.txt").toString(), "-o", never.toString(), corpus.toString()), 1, "missing.txt");
    assertFalse(Files.exists(never));
  }

  private static void assertError(CliTest.Result r, int code, String expected) {
    assertEquals(code, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
