package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerJsonTest {
  private static Tokenizer trained;
  private static String json;

  @BeforeAll
  static void train() throws Exception {
    String corpus = "the cat sat on the mat. the dog sat on the log. 猫が座った。\n".repeat(50);
    trained = ByteLevelBpeTrainer.builder().vocabSize(300).specialTokens(List.of("<s>", "</s>")).build()
        .train(Corpus.ofSources(List.of(new Corpus.Source("text", () -> new ByteArrayInputStream(corpus.getBytes(StandardCharsets.UTF_8))))))
        .tokenizer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(trained, out);
    json = out.toString(StandardCharsets.UTF_8);
  }

  private static Tokenizer read(String text) throws Exception {
    return Tokenizers.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.json");
  }

  @Test
  void writeThenReadGivesTheSameTokenizer() throws Exception {
    Tokenizer back = read(json);
    for (String s : List.of("the cat sat", "<s>猫が座った</s>", "unseen words: zebra!", "")) {
      assertArrayEquals(trained.encodeIds(s), back.encodeIds(s), s);
    }
    assertEquals(trained.vocabSize(), back.vocabSize());
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    Tokenizers.write(back, again);
    assertEquals(json, again.toString(StandardCharsets.UTF_8), "writing is stable");
  }

  @Test
  void writingLeavesTheStreamOpenFlushedAndWritesInBlocks() throws Exception {
    // The target sees the JSON writer's buffers, not one call per byte (a FilterOutputStream in
    // between did that: a 700 KB vocabulary took 700,000 calls), and is left open for what follows.
    int[] calls = new int[1];
    boolean[] closed = new boolean[1];
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    OutputStream target = new OutputStream() {
      @Override
      public void write(int b) {
        calls[0]++;
        written.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        calls[0]++;
        written.write(b, off, len);
      }

      @Override
      public void close() {
        closed[0] = true;
      }
    };
    Tokenizers.write(trained, target);
    assertEquals(json, written.toString(StandardCharsets.UTF_8), "everything written reaches the target");
    assertFalse(closed[0], "the stream is left open");
    assertTrue(calls[0] <= 1 + json.length() / 4000, calls[0] + " writes for " + json.length() + " bytes");
  }

  @Test
  void trainingIsDeterministic() throws Exception {
    for (int run = 0; run < 2; run++) {
      String corpus = "the cat sat on the mat. the dog sat on the log. 猫が座った。\n".repeat(50);
      Tokenizer again = ByteLevelBpeTrainer.builder().vocabSize(300).specialTokens(List.of("<s>", "</s>")).build()
          .train(Corpus.ofSources(List.of(new Corpus.Source("text", () -> new ByteArrayInputStream(corpus.getBytes(StandardCharsets.UTF_8))))))
          .tokenizer();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Tokenizers.write(again, out);
      assertEquals(json, out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void concurrentEncodingGivesTheSameIds() throws Exception {
    Tokenizer tok = read(json);
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) texts.add("the cat " + i + " sat on mat " + (i * 7919 % 1000) + " 猫が座った");
    List<int[]> sequential = texts.stream().map(tok::encodeIds).toList();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<int[]>> futures = new java.util.ArrayList<>();
      for (String t : texts) futures.add(pool.submit(() -> tok.encodeIds(t)));
      for (int i = 0; i < texts.size(); i++) assertArrayEquals(sequential.get(i), futures.get(i).get());
    } finally {
      pool.shutdown();
    }
    var batch = tok.encodeBatch(texts, false);
    for (int i = 0; i < texts.size(); i++) assertArrayEquals(sequential.get(i), batch.get(i).ids());
  }

  @Test
  void writesHuggingFaceFieldsInOrder() {
    int at = -1;
    for (String field : List.of("\"version\"", "\"truncation\"", "\"padding\"", "\"added_tokens\"", "\"normalizer\"", "\"pre_tokenizer\"", "\"post_processor\"", "\"decoder\"", "\"model\"")) {
      int next = json.indexOf(field);
      assertTrue(next > at, field + " in order");
      at = next;
    }
    assertTrue(json.contains("\"type\" : \"BPE\"") || json.contains("\"type\": \"BPE\""), json.substring(0, 200));
  }

  @Test
  void saveReplacesTheFileAtomicallyAndLoadsFromADirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(Tokenizers.FILE_NAME);
    Files.writeString(file, "old");
    Tokenizers.save(trained, file);
    assertArrayEquals(trained.encodeIds("the mat"), Tokenizers.load(dir).encodeIds("the mat"));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  /** Saving writes through a symbolic link (the file it leads to is replaced) and never creates a directory. */
  @Test
  void saveWritesThroughLinksIntoDirectoriesThatExist(@TempDir Path dir) throws Exception {
    Path real = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
    Tokenizers.save(trained, link);
    assertTrue(Files.isSymbolicLink(link), "still a link");
    assertArrayEquals(trained.encodeIds("the mat"), Tokenizers.load(real).encodeIds("the mat"));
    Path missing = dir.resolve("no-such-dir/t.json");
    assertThrows(java.nio.file.NoSuchFileException.class, () -> Tokenizers.save(trained, missing));
    assertFalse(Files.exists(missing.getParent()));
    assertThrows(java.nio.file.FileSystemException.class, () -> Tokenizers.save(trained, dir));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(link, real), files.sorted().toList(), "no temporary file left behind");
    }
  }

  private static String error(String text) {
    return assertThrows(TokenizerFormatException.class, () -> read(text)).getMessage();
  }

  @Test
  void malformedFilesGiveOneLineNamingThePlace() {
    assertTrue(error("{\"model\": ").startsWith("t.json: not valid JSON"), error("{\"model\": "));
    assertEquals("t.json: empty file", error(""));
    assertTrue(error(json.replace("\"padding\"", "\"paddding\"")).startsWith("t.json: paddding: unknown field"));
    assertTrue(error(json.replace("\"fuse_unk\"", "\"fuse_unknown\"")).startsWith("t.json: model.fuse_unknown: unknown field"));
    assertEquals("t.json: version: unknown tokenizer.json version 2.0 (expected 1.0)", error(json.replace("\"1.0\"", "\"2.0\"")));
    assertEquals("t.json: truncation.strategy: expected a string, found nothing", error(json.replace("\"truncation\": null", "\"truncation\": {}")));
    assertEquals("t.json: padding.pad_id: must not be negative", error(json.replace("\"padding\": null", "\"padding\": {\"strategy\":\"BatchLongest\",\"direction\":\"Right\",\"pad_id\":-1,\"pad_type_id\":0,\"pad_token\":\"x\"}")));
    assertEquals("t.json: model.type: model type NoSuchModel is not supported", error(json.replace("\"BPE\"", "\"NoSuchModel\"")));
    assertTrue(error(json.replaceFirst("\"th", "\"zz")).contains("model.merges["), "a merge naming a missing token");
    assertTrue(error(json.replace("\"ByteLevel\"", "\"Whatever\"")).contains("type Whatever is not supported"));
    String message = error(json.replace("\"<s>\" :", "\"<s>\" : -1,\"x\" :").replace("\"<s>\":", "\"<s>\": -1, \"x\":"));
    assertFalse(message.contains("\n"));
  }

  @Test
  void readsLegacyAndPairMerges() throws Exception {
    String pairs = json.replaceAll("\"([^\" ]+) ([^\" ]+)\"(,?)\\n", "[\"$1\", \"$2\"]$3\n");
    assertFalse(pairs.equals(json), "merges were rewritten as pairs");
    assertArrayEquals(trained.encodeIds("the cat sat on the mat"), read(pairs).encodeIds("the cat sat on the mat"));
  }
}
