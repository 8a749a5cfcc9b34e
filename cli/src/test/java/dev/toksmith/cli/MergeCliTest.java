package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.vocab.npy.Npy;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toksmith merge} with o200k_base. Batch 0 is " (“[T" twice: o200k gives " (“" "[" "T" with
 * pre-tokens " (“[" and "T", so the one allowed merge is " (“" + "[" (twice). Batch 1 is "déjà vu":
 * "dÃ©" "jÃł" "Ġvu", pre-tokens "déjà" and " vu", one merge.
 */
class MergeCliTest {
  private static final String INPUT = " (“[T\n (“[T\ndéjà vu";

  @TempDir Path dir;

  private static Result merge(String input, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "merge";
    all[1] = "--tokenizer";
    all[2] = "o200k_base";
    all[3] = "--batch-size";
    all[4] = "2";
    System.arraycopy(args, 0, all, 5, args.length);
    return CliTest.run(input.getBytes(StandardCharsets.UTF_8), all);
  }

  private static void assertError(Result r, int code, String expected) {
    assertEquals(code, r.code(), r.err());
    assertTrue(r.err().startsWith("toksmith: " + expected), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void mergesEachBatchAndSummarizes() {
    Result r = merge(INPUT, "--merges", "1000");
    assertEquals(0, r.code(), r.err());
    // The last line has no newline, and neither has its output.
    assertEquals("200019 51\n200019 51\n200019 12005", r.outText());
    assertEquals("merged 3 lines in 2 batches (2 merges): L0 3.00, L(m) 2.00, L_word 2.00 tokens per line; reduction 100.00%\n", r.err());
    Result none = merge(INPUT, "--merges", "0");
    assertEquals("31027 58 51\n31027 58 51\n98340 19483 12005", none.outText());
    assertTrue(none.err().endsWith("reduction 0.00%\n"), none.err());
    // Batch 0 needs one merge for half the way (6 tokens, 4 words); batch 1 the same.
    assertEquals(r.outText(), merge(INPUT, "--reduction", "50").outText());
  }

  @Test
  void tokensAndJsonLines() {
    assertEquals("Ġ(âĢľ[ T\nĠ(âĢľ[ T\ndÃ©jÃł Ġvu", merge(INPUT, "--merges", "5", "--format", "tokens").outText());
    assertEquals("{\"ids\":[200019,51],\"tokens\":[\" (“[\",\"T\"]}\n{\"ids\":[200019,51],\"tokens\":[\" (“[\",\"T\"]}\n"
        + "{\"ids\":[200019,12005],\"tokens\":[\"déjà\",\" vu\"]}", merge(INPUT, "--merges", "5", "--format", "jsonl").outText());
  }

  @Test
  void ruleNoneCrossesPreTokens() {
    Result r = merge(" (“[T\n (“[T\n", "--merges", "9", "--rule", "none");
    assertEquals("200020\n200020\n", r.outText());
  }

  @Test
  void vocabularyEmbeddingsAndSurfaceForms() throws Exception {
    int rows = 200100;
    float[] base = new float[rows * 2];
    for (int i = 0; i < rows; i++) {
      base[2 * i] = i;
      base[2 * i + 1] = 1;
    }
    Path baseFile = dir.resolve("base.npy");
    try (OutputStream out = Files.newOutputStream(baseFile)) {
      Npy.writeFloat32(out, new int[] {rows, 2}, base);
    }
    // Outputs go into a directory that exists: toksmith never creates one.
    Path vocab = Files.createDirectories(dir.resolve("out")).resolve("vocab.jsonl");
    Path embeddings = dir.resolve("out/new.npy");
    Path surfaces = dir.resolve("out/surface.npy");
    Result r = merge(INPUT, "--merges", "10", "--vocab-out", vocab.toString(), "--embeddings", baseFile.toString(),
        "--embeddings-out", embeddings.toString(), "--surface-out", surfaces.toString());
    assertEquals(0, r.code(), r.err());
    // New ids start after the embedding matrix's rows.
    assertEquals("200100 51\n200100 51\n200100 12005", r.outText());
    assertEquals(List.of(
        "{\"batch\":0,\"id\":200100,\"token\":\"Ġ(âĢľ[\",\"surface\":[31027,58],\"merge\":[31027,58],\"count\":2}",
        "{\"batch\":1,\"id\":200100,\"token\":\"dÃ©jÃł\",\"surface\":[98340,19483],\"merge\":[98340,19483],\"count\":1}"),
        Files.readAllLines(vocab));
    Npy.Array mean = read(embeddings);
    assertArrayEquals(new int[] {2, 2}, mean.shape());
    assertArrayEquals(new float[] {(31027 + 58) / 2f, 1, (98340 + 19483) / 2f, 1}, mean.floats());
    Npy.Array surface = read(surfaces);
    assertArrayEquals(new int[] {2, 2}, surface.shape());
    assertArrayEquals(new int[] {31027, 58, 98340, 19483}, surface.ints());

    Path small = dir.resolve("small.npy");
    try (OutputStream out = Files.newOutputStream(small)) {
      Npy.writeFloat32(out, new int[] {10, 2}, new float[20]);
    }
    assertError(merge(INPUT, "--merges", "1", "--embeddings", small.toString()), 1, small + ": 10 rows, but the tokenizer has ids up to 200018");
  }

  private static Npy.Array read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return Npy.read(in);
    }
  }

  @Test
  void usageErrors() {
    assertError(merge(INPUT), 2, "Error: Missing required argument");
    assertError(merge(INPUT, "--merges", "1", "--reduction", "5"), 2, "Error: --merges=M, --reduction=PCT are mutually exclusive");
    assertError(merge(INPUT, "--reduction", "150"), 2, "--reduction must be 0 to 100");
    assertError(merge(INPUT, "--merges", "-1"), 2, "--merges must not be negative");
    assertError(merge(INPUT, "--merges", "1", "--rule", "words"), 2, "unknown --rule words (choose pre-token or none)");
    assertError(merge(INPUT, "--merges", "1", "--embeddings-out", "x.npy"), 2, "--embeddings-out needs --embeddings");
    assertError(CliTest.run(new byte[0], "merge", "--tokenizer", "o200k_base", "--batch-size", "0", "--merges", "1"), 2, "--batch-size must be at least 1");
  }

  @Test
  void badInputLeavesNoVocabularyFile() throws Exception {
    Path vocab = dir.resolve("vocab.jsonl");
    byte[] input = {'o', 'k', '\n', 'b', (byte) 0xFF, '\n'};
    Result r = CliTest.run(input, "merge", "--tokenizer", "o200k_base", "--batch-size", "1", "--merges", "3", "--vocab-out", vocab.toString());
    assertError(r, 1, "stdin:2: invalid UTF-8");
    assertFalse(Files.exists(vocab));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }
}
