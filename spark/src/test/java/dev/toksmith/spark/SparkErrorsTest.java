package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and bad usage give one line on standard error, naming what is wrong (an executor's own
 * failure, not Spark's report around it), exit status 1 or 2, and no output file.
 */
class SparkErrorsTest {
  @TempDir Path dir;

  @Test
  void aMissingInputIsNamed() {
    Runs.Result r = Runs.spark("train", "--master", "local[2]", "-o", dir.resolve("t.json").toString(), dir.resolve("nothing.txt").toString());
    assertOneLine(r, 1, "toksmith-spark: no such file or directory: " + dir.resolve("nothing.txt"));
    assertFalse(Files.exists(dir.resolve("t.json")));
  }

  @Test
  void aMalformedJsonLineIsNamedWithItsLine() throws IOException {
    Path input = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"fine\"}\n\n{\"other\": 1}\n");
    Runs.Result r = Runs.spark("train", "--master", "local[2]", "--jsonl-field", "text", "-o", dir.resolve("t.json").toString(), input.toString());
    assertOneLine(r, 1, "toksmith-spark: " + input + ":3: field \"text\" is missing");
    Runs.Result encode = Runs.spark("encode", "--master", "local[2]", "-t", "gpt2", "--jsonl-field", "text", "-o", dir.resolve("out").toString(), input.toString());
    assertOneLine(encode, 1, "toksmith-spark: " + input + ": document 1: field \"text\" is missing");
    assertFalse(Files.exists(dir.resolve("out")), "no output is left");
  }

  @Test
  void aMissingParquetColumnIsNamedWithTheColumnsThereAre() {
    Runs.Result r = Runs.spark("train", "--master", "local[2]", "--parquet-column", "body", "-o", dir.resolve("t.json").toString(), Corpora.parquet().toString());
    // Either file may fail first.
    assertOneLine(r, 1, "toksmith-spark: " + Corpora.parquet() + "/part-N.parquet: no column \"body\" (it has id, text)", "part-[12]", "part-N");
  }

  @Test
  void anExistingOutputIsNotOverwritten() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Runs.Result r = Runs.spark("encode", "--master", "local[2]", "-t", "gpt2", "-o", out.toString(), Corpora.jsonl().toString());
    assertOneLine(r, 1, "toksmith-spark: already exists: " + out);
  }

  @Test
  void usageErrorsComeBeforeSparkStarts() {
    assertOneLine(Runs.sparkAlone("train", "--master", "local[2]", "--type", "unicode", "x.txt"), 2, "toksmith-spark: --type unicode is not available here (bpe, wordpiece, wordlevel, unigram, sp-bpe and --preset are) (see 'toksmith-spark train --help')");
    assertOneLine(Runs.sparkAlone("train", "--master", "local[2]", "--threads", "4", "x.txt"), 2, "toksmith-spark: --threads does not apply: the executors count the words (see 'toksmith-spark train --help')");
    assertOneLine(Runs.sparkAlone("train", "--master", "local[2]"), 2, "toksmith-spark: Missing required parameter: 'INPUT' (see 'toksmith-spark train --help')");
    assertOneLine(Runs.sparkAlone("encode", "--master", "local[2]", "-t", "gpt2", "-o", "out", "--jsonl-field", "text", "--parquet-column", "text", "x"), 2,
        "toksmith-spark: --jsonl-field and --parquet-column do not go together: inputs are JSON lines or Parquet (see 'toksmith-spark encode --help')");
    assertOneLine(Runs.sparkAlone("encode", "--master", "local[2]", "-t", "gpt2", "-o", "out", "--eot", "</s>", "x"), 2,
        "toksmith-spark: --eot goes with --pack (see 'toksmith-spark encode --help')");
    assertOneLine(Runs.sparkAlone("decode", "-t", "gpt2"), 2, "toksmith-spark: Unmatched arguments from index 0: 'decode', '-t', 'gpt2' (see 'toksmith-spark --help')");
  }

  @Test
  void tokenizerErrorsAreTheCommandLines() {
    Runs.Result r = Runs.spark("encode", "--master", "local[2]", "-t", "no-such-tokenizer", "-o", dir.resolve("out").toString(), Corpora.jsonl().toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("toksmith-spark: no-such-tokenizer: no such tokenizer file or directory, and no built-in tokenizer of that name"), r.err());
    Runs.Result special = Runs.spark("encode", "--master", "local[2]", "-t", "gpt2", "--pack", "16", "--eot", "</s>", "-o", dir.resolve("out").toString(),
        Corpora.jsonl().toString());
    assertOneLine(special, 2, "toksmith-spark: --eot </s> is not a token of gpt2 (see 'toksmith-spark encode --help')");
  }

  private static void assertOneLine(Runs.Result r, int code, String line) {
    assertOneLine(r, code, line, "$^", "");
  }

  /** Standard error, with what matches {@code regex} replaced, is {@code line}, once Spark's own log lines are left out. */
  private static void assertOneLine(Runs.Result r, int code, String line, String regex, String replacement) {
    assertEquals(line + "\n", r.err().replaceAll("(?m)^\\d\\d:\\d\\d:\\d\\d (WARN|ERROR) .*\\n", "").replaceAll(regex, replacement), "standard error");
    assertEquals(code, r.code());
  }
}
