package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toksmith-spark train} writes the very file {@code toksmith train} writes from the same
 * documents, and prints the same summary, whatever the partitioning: splits of 1 MB or whole files,
 * the counts merged in 1, 2, 3 or 7 buckets; byte-level BPE, the kl3m presets, WordPiece and WordLevel,
 * SentencePiece's Unigram and BPE (as .model and as tokenizer.json), with and without a sample of sentences.
 */
class SparkTrainTest {
  @TempDir Path dir;

  @Test
  void byteLevelBpeOnTextOfEveryKindAcrossPartitionings() throws IOException {
    String text = Corpora.text().toString();
    Path expected = cli("cli.json", "--vocab-size", "3000", text);
    for (String[] partitioning : List.of(new String[] {"--split-size", "1", "--count-partitions", "3"}, new String[] {"--count-partitions", "1"},
        new String[] {"--split-size", "1", "--count-partitions", "7"})) {
      assertSameFile(expected, spark("spark.json", concat(partitioning, "--vocab-size", "3000", text)), String.join(" ", partitioning));
    }
  }

  @Test
  void normalizationSpecialTokensAndTokenLength() throws IOException {
    String[] options = {"--vocab-size", "1200", "--min-frequency", "3", "--normalizer", "nfkc,lowercase", "--special-tokens", "<s>,</s>,<pad>",
        "--max-token-length", "5", Corpora.text().toString()};
    assertSameFile(cli("cli.json", options), spark("spark.json", concat(new String[] {"--split-size", "1", "--count-partitions", "2"}, options)), "");
  }

  @Test
  void kl3mPresetWithCustomTokensAndPadding() throws IOException {
    Path custom = Files.writeString(dir.resolve("custom.txt"), "res judicata\nUnited States\n\n(S.D.N.Y.)\r\n");
    String[] options = {"--preset", "kl3m", "--vocab-size", "3000", "--pad-to-power-of-two", "--custom-tokens", custom.toString(),
        "--special-tokens", "<|doc|>", Corpora.text().toString()};
    assertSameFile(cli("cli.json", options), spark("spark.json", concat(new String[] {"--split-size", "1", "--count-partitions", "3"}, options)), "");
  }

  @Test
  void kl3mCharPresetUncased() throws IOException {
    String[] options = {"--preset", "kl3m-char", "--uncased", "--vocab-size", "4096", Corpora.text().toString()};
    assertSameFile(cli("cli.json", options), spark("spark.json", concat(new String[] {"--count-partitions", "2"}, options)), "");
  }

  @Test
  void wordPieceAcrossPartitionings() throws IOException {
    String[] options = {"--type", "wordpiece", "--vocab-size", "2000", Corpora.text().toString()};
    Path expected = cli("cli.json", options);
    assertSameFile(expected, spark("spark.json", concat(new String[] {"--split-size", "1", "--count-partitions", "3"}, options)), "");
  }

  @Test
  void wordLevelAcrossPartitionings() throws IOException {
    String[] options = {"--type", "wordlevel", "--vocab-size", "3000", Corpora.text().toString()};
    Path expected = cli("cli.json", options);
    assertSameFile(expected, spark("spark.json", concat(new String[] {"--split-size", "1", "--count-partitions", "2"}, options)), "");
  }

  @Test
  void unigramAsModelAndTokenizerJsonAcrossPartitionings() throws IOException {
    String[] options = {"--type", "unigram", "--vocab-size", "2000", Corpora.text().toString()};
    assertSameBytes(cli("cli.model", options), spark("spark.model", concat(new String[] {"--split-size", "1", "--count-partitions", "3"}, options)));
    assertSameFile(cli("cli.json", options), spark("spark.json", options), "whole files, added up on the driver");
  }

  @Test
  void sentencePieceBpeAsModelAndTokenizerJsonAcrossPartitionings() throws IOException {
    String[] options = {"--type", "sp-bpe", "--vocab-size", "1500", "--byte-fallback", "--split-digits", "--user-defined-symbols", "<sep>,the",
        Corpora.text().toString()};
    assertSameBytes(cli("cli.model", options), spark("spark.model", concat(new String[] {"--split-size", "1", "--count-partitions", "7"}, options)));
    assertSameFile(cli("cli.json", options), spark("spark.json", concat(new String[] {"--count-partitions", "1"}, options)), "one bucket");
  }

  /** The sample must be the one the command line draws from the whole input in order, across splits; sentences skipped for length still count. */
  @Test
  void sampledSentencesAcrossPartitionings() throws IOException {
    String[] shuffled = {"--type", "unigram", "--vocab-size", "1200", "--input-sentence-size", "3000", "--max-sentence-length", "200",
        Corpora.text().toString()};
    Path expected = cli("cli.model", shuffled);
    assertTrue(cliSummary.contains("; 3000 sentences, ") && cliSummary.contains("skipped "), cliSummary);
    assertSameBytes(expected, spark("spark.model", concat(new String[] {"--split-size", "1", "--count-partitions", "2"}, shuffled)));
    String[] first = {"--type", "sp-bpe", "--vocab-size", "1000", "--input-sentence-size", "2500", "--no-shuffle-input-sentence", Corpora.text().toString()};
    assertSameFile(cli("cli.json", first), spark("spark.json", concat(new String[] {"--split-size", "1"}, first)), "the first sentences");
  }

  @Test
  void sentencePieceOnJsonLinesAndParquet() throws IOException {
    // docs.jsonl holds an unpaired surrogate, which must travel between executors and driver exactly.
    String[] options = {"--type", "unigram", "--vocab-size", "400", "--character-coverage", "1", "--jsonl-field", "text", Corpora.jsonl().toString()};
    assertSameBytes(cli("cli.model", options), spark("spark.model", concat(new String[] {"--count-partitions", "2"}, options)));
    Path expected = cli("cli.json", "--type", "sp-bpe", "--vocab-size", "400", "--jsonl-field", "text", Corpora.parquetAsJsonl().toString());
    Runs.Result result = Runs.spark("train", "--type", "sp-bpe", "--vocab-size", "400", "--parquet-column", "text", "--split-size", "1",
        "-o", dir.resolve("spark.json").toString(), Corpora.parquet().toString());
    assertEquals(0, result.code(), result.err());
    assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(dir.resolve("spark.json")));
  }

  @Test
  void jsonLinesField() throws IOException {
    String[] options = {"--vocab-size", "600", "--min-frequency", "1", "--jsonl-field", "text", Corpora.jsonl().toString()};
    assertSameFile(cli("cli.json", options), spark("spark.json", options), "");
  }

  @Test
  void parquetColumnTrainsLikeTheSameDocumentsAsJsonLines() throws IOException {
    Path expected = cli("cli.json", "--vocab-size", "600", "--min-frequency", "1", "--jsonl-field", "text", Corpora.parquetAsJsonl().toString());
    Runs.Result result = Runs.spark("train", "--vocab-size", "600", "--min-frequency", "1", "--parquet-column", "text", "--split-size", "1",
        "-o", dir.resolve("spark.json").toString(), Corpora.parquet().toString());
    assertEquals(0, result.code(), result.err());
    assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(dir.resolve("spark.json")));
    assertTrue(result.err().contains(", " + Corpora.PARQUET_DOCUMENTS + " documents, "), result.err());
  }

  /** {@code toksmith train OPTIONS -o FILE}; returns the file, and keeps the summary for comparison. */
  private Path cli(String file, String... options) {
    Path output = dir.resolve(file);
    Runs.Result result = Runs.cli(concat(new String[] {"train", "-o", output.toString()}, options));
    assertEquals(0, result.code(), result.err());
    cliSummary = result.errWithoutTime().replace(output.toString(), "OUTPUT");
    return output;
  }

  private String cliSummary;

  /** {@code toksmith-spark train --master local[2] OPTIONS -o FILE}, whose summary must be the command line's. */
  private Path spark(String file, String... options) {
    Path output = dir.resolve(file);
    Runs.Result result = Runs.spark(concat(new String[] {"train", "--master", "local[2]", "-o", output.toString()}, options));
    assertEquals(0, result.code(), result.err());
    assertEquals(cliSummary, result.errWithoutTime().replace(output.toString(), "OUTPUT"));
    return output;
  }

  private static void assertSameFile(Path expected, Path actual, String what) throws IOException {
    String expectedText = Files.readString(expected, StandardCharsets.UTF_8);
    assertTrue(expectedText.length() > 10_000, "a real tokenizer was trained");
    assertEquals(expectedText, Files.readString(actual, StandardCharsets.UTF_8), what);
  }

  private static void assertSameBytes(Path expected, Path actual) throws IOException {
    byte[] expectedBytes = Files.readAllBytes(expected);
    assertTrue(expectedBytes.length > 5_000, "a real model was trained");
    assertArrayEquals(expectedBytes, Files.readAllBytes(actual));
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }
}
