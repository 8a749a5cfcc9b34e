package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toksmith-spark encode} gives every document the ids {@code toksmith encode} gives it, numbered
 * by its position in the input, for tokenizers of every kind of spec (built-in names, a tokenizer.json
 * file, a directory, a SentencePiece model) and inputs of every format.
 */
class SparkEncodeTest {
  @TempDir Path dir;

  @Test
  void textOfEveryKindAcrossSplits() throws IOException {
    Path out = dir.resolve("out");
    Runs.Result result = Runs.spark("encode", "--master", "local[2]", "-t", "gpt2", "--split-size", "1", "-o", out.toString(), Corpora.text().toString());
    assertEquals(0, result.code(), result.err());
    // The files in reading order (a-b/ before a/, since '-' < '/'), each compressed file and archive entry decompressed.
    List<int[]> expected = new ArrayList<>();
    expected.addAll(cliIds(concat(Corpora.sample("sotu-1790-washington"), Corpora.sample("sotu-1862-lincoln")), "-t", "gpt2"));
    expected.addAll(cliIds(Corpora.CRAFTED, "-t", "gpt2"));
    expected.addAll(cliIds(Corpora.sample("moby-dick"), "-t", "gpt2"));
    for (String name : List.of("udhr-amh", "udhr-arb", "us-constitution")) expected.addAll(cliIds(Corpora.sample(name), "-t", "gpt2"));
    assertSameIds(expected, sparkIds(out));
    assertTrue(result.err().startsWith("encoded " + expected.size() + " documents into "), result.err());
  }

  @Test
  void jsonLinesWithATokenizerDirectoryAndSpecialTokens() throws IOException {
    Path bert = Files.createDirectories(dir.resolve("bert"));
    copyResource("/families/bert-uncased.json", bert.resolve("tokenizer.json"));
    Path out = dir.resolve("out");
    Runs.Result result = Runs.spark("encode", "--master", "local[2]", "-t", bert.toString(), "--jsonl-field", "text", "--add-special-tokens", "-o", out.toString(),
        Corpora.jsonl().toString());
    assertEquals(0, result.code(), result.err());
    // The command line writes an empty line for each blank line of JSON lines, which holds no document.
    List<int[]> expected = new ArrayList<>();
    List<int[]> lines = cliIds(Files.readAllBytes(Corpora.jsonl()), "-t", bert.toString(), "--jsonl-field", "text", "--add-special-tokens");
    List<String> input = Arrays.asList(Files.readString(Corpora.jsonl()).split("\n", -1));
    for (int i = 0; i < lines.size(); i++) if (!input.get(i).isBlank()) expected.add(lines.get(i));
    assertEquals(Corpora.JSONL_DOCUMENTS, expected.size());
    assertSameIds(expected, sparkIds(out));
  }

  @Test
  void parquetColumnWithASentencePieceModel() throws IOException {
    Path model = copyResource("/sentencepiece/unigram.model", dir.resolve("unigram.model"));
    Path out = dir.resolve("out");
    Runs.Result result = Runs.spark("encode", "--master", "local[2]", "-t", model.toString(), "--parquet-column", "text", "-o", out.toString(),
        Corpora.parquet().toString());
    assertEquals(0, result.code(), result.err());
    List<int[]> expected = cliIds(Files.readAllBytes(Corpora.parquetAsJsonl()), "-t", model.toString(), "--jsonl-field", "text");
    assertEquals(Corpora.PARQUET_DOCUMENTS, expected.size());
    assertSameIds(expected, sparkIds(out));
  }

  @Test
  void gpt2VocabAndMergesFilesAndAnEmptyDirectory() throws IOException {
    // vocab.json and merges.txt made from RoBERTa's tokenizer.json, in a directory of their own.
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode roberta;
    try (InputStream in = SparkEncodeTest.class.getResourceAsStream("/families/roberta.json")) {
      roberta = json.readTree(in);
    }
    Path gpt2 = Files.createDirectories(dir.resolve("gpt2-files"));
    json.writeValue(gpt2.resolve("vocab.json").toFile(), roberta.at("/model/vocab"));
    StringBuilder merges = new StringBuilder("#version: 0.2\n");
    for (com.fasterxml.jackson.databind.JsonNode merge : roberta.at("/model/merges")) {
      merges.append(merge.isTextual() ? merge.textValue() : merge.get(0).textValue() + " " + merge.get(1).textValue()).append('\n');
    }
    Files.writeString(gpt2.resolve("merges.txt"), merges);
    Path input = Files.write(dir.resolve("crafted.txt"), Corpora.CRAFTED);
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path out = dir.resolve("out");
    // The vocab.json spec stands for both files, as on the command line.
    String spec = gpt2.resolve("vocab.json").toString();
    Runs.Result result = Runs.spark("encode", "--master", "local[2]", "-t", spec, "-o", out.toString(), empty.toString(), input.toString());
    assertEquals(0, result.code(), result.err());
    assertSameIds(cliIds(Corpora.CRAFTED, "-t", spec), sparkIds(out));

    Path none = dir.resolve("none");
    Runs.Result nothing = Runs.spark("encode", "--master", "local[2]", "-t", gpt2.toString(), "-o", none.toString(), empty.toString());
    assertEquals(0, nothing.code(), nothing.err());
    assertEquals("encoded 0 documents into 0 tokens in _ s\nwrote " + none + " (Parquet: doc_id, ids, token_count)\n", nothing.errWithoutTime());
    assertEquals(List.of("doc_id", "ids", "token_count"), Arrays.asList(Runs.session().read().parquet(none.toString()).columns()));
  }

  @Test
  void aTiktokenRankFileWithItsPatternInTheSpec() throws IOException {
    Path ranks = dir.resolve("r50k.tiktoken");
    try (InputStream in = dev.toksmith.vocab.tiktoken.TiktokenEncodings.class.getResourceAsStream("r50k_base.tiktoken")) {
      Files.write(ranks, in.readAllBytes());
    }
    Path input = Files.write(dir.resolve("crafted.txt"), Corpora.CRAFTED);
    Path out = dir.resolve("out");
    // The pattern is a regex, no part of a path: the job ships the file and loads it with the pattern.
    String spec = ranks + "#pattern=r50k_base";
    Runs.Result result = Runs.spark("encode", "--master", "local[2]", "-t", spec, "-o", out.toString(), input.toString());
    assertEquals(0, result.code(), result.err());
    assertSameIds(cliIds(Corpora.CRAFTED, "-t", spec), sparkIds(out));
  }

  @Test
  void truncationWithATokenizerFile() throws IOException {
    Path llama = copyResource("/families/llama2.json", dir.resolve("llama2.json"));
    Path input = Files.write(dir.resolve("crafted.txt"), Corpora.CRAFTED);
    String[] options = {"-t", llama.toString(), "--max-length", "6", "--add-special-tokens"};
    // With --add-special-tokens a line must be text: keep to the crafted lines that are UTF-8.
    byte[] utf8 = Files.readString(Corpora.jsonl()).substring(0, 2000).replace("\r", "").getBytes(StandardCharsets.UTF_8);
    Files.write(input, utf8);
    Path out = dir.resolve("out");
    Runs.Result result = Runs.spark(concat(new String[] {"encode", "--master", "local[2]", "-o", out.toString(), input.toString()}, options));
    assertEquals(0, result.code(), result.err());
    List<int[]> expected = cliIds(utf8, options);
    for (int[] ids : expected) assertTrue(ids.length <= 6);
    assertSameIds(expected, sparkIds(out));
  }

  @Test
  void packedSequencesAreTheDocumentsIdsCutWithEndOfTextBetween() throws IOException {
    Path out = dir.resolve("packed");
    Runs.Result result = Runs.spark("encode", "--master", "local[2]", "-t", "gpt2", "--jsonl-field", "text", "--pack", "64", "--split-size", "1",
        "-o", out.toString(), Corpora.jsonl().toString(), Corpora.parquetAsJsonl().toString());
    assertEquals(0, result.code(), result.err());
    List<Integer> stream = new ArrayList<>();
    List<int[]> documents = new ArrayList<>(cliIds(Files.readAllBytes(Corpora.jsonl()), "-t", "gpt2", "--jsonl-field", "text"));
    List<String> input = Arrays.asList(Files.readString(Corpora.jsonl()).split("\n", -1));
    for (int i = documents.size() - 1; i >= 0; i--) if (input.get(i).isBlank()) documents.remove(i);
    documents.addAll(cliIds(Files.readAllBytes(Corpora.parquetAsJsonl()), "-t", "gpt2", "--jsonl-field", "text"));
    for (int d = 0; d < documents.size(); d++) {
      if (d > 0) stream.add(50256); // <|endoftext|>
      for (int id : documents.get(d)) stream.add(id);
    }
    List<Row> rows = Runs.session().read().parquet(out.toString()).orderBy("seq_id").collectAsList();
    assertEquals(List.of("seq_id", "ids"), Arrays.asList(Runs.session().read().parquet(out.toString()).columns()));
    assertEquals(stream.size() / 64, rows.size());
    for (int s = 0; s < rows.size(); s++) {
      assertEquals(s, rows.get(s).getLong(0));
      int[] expected = stream.subList(64 * s, 64 * s + 64).stream().mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, ids(rows.get(s).getList(1)), "sequence " + s);
    }
    assertTrue(result.err().contains(" " + (stream.size() % 64) + " tokens after the last sequence left out"), result.err());
  }

  @Test
  void theOutputHasExactlyTheColumnsDocIdIdsAndTokenCount() throws IOException {
    Path input = Files.writeString(dir.resolve("two.txt"), "hello world\n\n");
    Path out = dir.resolve("out");
    assertEquals(0, Runs.spark("encode", "--master", "local[2]", "-t", "o200k_base", "-o", out.toString(), input.toString()).code());
    StructType schema = Runs.session().read().parquet(out.toString()).schema();
    assertEquals(List.of("doc_id", "ids", "token_count"), Arrays.asList(schema.fieldNames()));
    assertEquals(DataTypes.LongType, schema.apply("doc_id").dataType());
    assertEquals(DataTypes.IntegerType, ((org.apache.spark.sql.types.ArrayType) schema.apply("ids").dataType()).elementType());
    assertEquals(DataTypes.IntegerType, schema.apply("token_count").dataType());
    assertSameIds(List.of(new int[] {24912, 2375}, new int[0]), sparkIds(out));
  }

  /** The ids of the job's output, in doc_id order; checks that doc_id runs 0, 1, ... and token_count counts the ids. */
  private static List<int[]> sparkIds(Path out) {
    List<Row> rows = Runs.session().read().parquet(out.toString()).orderBy("doc_id").collectAsList();
    List<int[]> ids = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      assertEquals(i, row.getLong(0), "doc_id");
      int[] document = ids(row.getList(1));
      assertEquals(document.length, row.getInt(2), "token_count");
      ids.add(document);
    }
    return ids;
  }

  private static int[] ids(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code toksmith encode OPTIONS} on {@code input} (written to a file), one id array per output line. */
  private List<int[]> cliIds(byte[] input, String... options) throws IOException {
    Path file = Files.write(Files.createTempFile(dir, "input", ".txt"), input);
    Runs.Result result = Runs.cli(concat(new String[] {"encode", file.toString()}, options));
    assertEquals(0, result.code(), result.err());
    List<int[]> lines = new ArrayList<>();
    String out = result.out();
    if (out.isEmpty()) return lines;
    if (out.endsWith("\n")) out = out.substring(0, out.length() - 1);
    for (String line : out.split("\n", -1)) lines.add(line.isEmpty() ? new int[0] : Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray());
    return lines;
  }

  private static void assertSameIds(List<int[]> expected, List<int[]> actual) {
    assertTrue(expected.size() > 1, "documents to compare");
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) assertArrayEquals(expected.get(i), actual.get(i), "document " + i);
    assertEquals(expected.size(), actual.size(), "documents");
  }

  private static Path copyResource(String name, Path file) throws IOException {
    try (InputStream in = SparkEncodeTest.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return Corpora.concat(a, b);
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }
}
