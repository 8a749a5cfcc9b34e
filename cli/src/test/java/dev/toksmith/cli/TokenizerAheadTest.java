package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.PendingTokenizer;
import dev.toksmith.Tokenizers;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading an encode's or decode's tokenizer while its command line is parsed: which command lines start a load,
 * that the command takes only the load of the spec picocli parsed, that errors are those of a
 * one-thread encode (which loads nothing ahead), and that no load outlives the run.
 */
class TokenizerAheadTest {
  @TempDir Path dir;

  private static final byte[] TEXT = Samples.byName("udhr-ell").text().getBytes(StandardCharsets.UTF_8);

  /** The spec loading ahead for {@code args}, or null; the load is given up. */
  private static String aheadSpec(String... args) {
    PendingTokenizer pending = TokenizerAhead.start(args);
    if (pending == null) return null;
    pending.cancel();
    return pending.spec();
  }

  private static long loadingThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("toksmith-alongside") && t.isAlive()).count();
  }

  @Test
  void onlyAnEncodeOrDecodeOnTwoOrMoreThreadsWithATokenizerLoadsAhead() {
    assertEquals("o200k_base", aheadSpec("encode", "-t", "o200k_base", "--threads", "2"));
    assertEquals("r50k_base", aheadSpec("encode", "--threads=3", "--tokenizer=r50k_base", "-"));
    assertEquals("gpt2", aheadSpec("encode", "--format", "tokens", "--tokenizer", "gpt2", "--threads", "2", "a.txt"));
    assertNull(aheadSpec("encode", "-t", "o200k_base", "--threads", "1"), "one thread does everything on one");
    assertNull(aheadSpec("encode", "--threads=1", "-t", "o200k_base"));
    assertNull(aheadSpec("encode", "-t", "o200k_base", "--threads", "two"));
    assertEquals("cl100k_base", aheadSpec("decode", "-t", "cl100k_base", "--threads", "2"));
    assertNull(aheadSpec("decode", "-t", "o200k_base", "--threads", "1"));
    assertNull(aheadSpec("inspect", "-t", "o200k_base"));
    assertNull(aheadSpec("encode", "--threads", "2"), "no tokenizer given");
    assertNull(aheadSpec("encode", "--threads", "2", "--", "-t", "o200k_base"), "after --, -t is a file name");
    assertNull(aheadSpec("encode", "-t", "o200k_base", "--threads", "2", "--help"));
    assertNull(aheadSpec("encode", "-t", "word-pooled:bytes", "--threads", "2"), "word-pooled tokenizers load otherwise");
    assertNull(aheadSpec());
  }

  @Test
  void theCommandTakesOnlyTheLoadOfTheSpecItParsed() throws Exception {
    TokenizerOption option = new TokenizerOption();
    option.spec = "o200k_base";
    PendingTokenizer same = PendingTokenizer.start("o200k_base", null);
    assertArrayEquals(Tokenizers.load("o200k_base").encodeBytes(TEXT), option.load(same).encodeBytes(TEXT));
    PendingTokenizer other = PendingTokenizer.start("r50k_base", null);
    assertArrayEquals(Tokenizers.load("o200k_base").encodeBytes(TEXT), option.load(other).encodeBytes(TEXT));
    assertThrows(CancellationException.class, other::join, "the other spec's load was given up");
  }

  @Test
  void outputAndErrorsAreThoseOfOneThread() throws Exception {
    byte[] ids = CliTest.run(TEXT, "encode", "--threads", "1", "-t", "o200k_base").out();
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": [1, 2");
    String[][] commands = {
      {"encode", "-t", "o200k_base"},
      {"encode", "--tokenizer", "o201k_base"},
      {"encode", "-t", dir.resolve("missing.json").toString()},
      {"encode", "-t", broken.toString()},
      {"encode", "-t", "o200k_base", dir.resolve("missing.txt").toString()},
      {"encode", "-t", "o201k_base", "--offsets"},
      {"encode", "-t", "o200k_base", "--max-length", "-3"},
      {"decode", "-t", "o200k_base"},
      {"decode", "-t", "o201k_base"},
      {"decode", "-t", "o201k_base", "--stream", "x.txt"},
    };
    for (String[] command : commands) {
      byte[] input = command[0].equals("decode") ? ids : TEXT;
      Result one = CliTest.run(input, with(command, "1"));
      Result two = CliTest.run(input, with(command, "2"));
      String what = String.join(" ", command);
      assertEquals(one.code(), two.code(), what);
      assertEquals(one.err(), two.err(), what);
      assertArrayEquals(one.out(), two.out(), what);
      assertEquals(0, loadingThreads(), what + ": no load outlives the run");
    }
  }

  @Test
  void aLoadNobodyTakesEndsWithTheRun() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main main = new Main(new Main.Streams(new ByteArrayInputStream(TEXT), new ByteArrayOutputStream(), err, false));
    assertEquals(2, main.runCommandLine("encode", "-t", "o200k_base", "--threads", "2", "--offsets"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--offsets needs --format jsonl"), err.toString(StandardCharsets.UTF_8));
    assertNotNull(main.tokenizerAhead, "the load started");
    assertThrows(CancellationException.class, main.tokenizerAhead::join, "and was given up before the run returned");
    assertEquals(0, loadingThreads());
  }

  /** {@code command} with {@code --threads N} inserted after its command name. */
  private static String[] with(String[] command, String threads) {
    String[] all = new String[command.length + 2];
    all[0] = command[0];
    all[1] = "--threads";
    all[2] = threads;
    System.arraycopy(command, 1, all, 3, command.length - 1);
    return all;
  }
}
