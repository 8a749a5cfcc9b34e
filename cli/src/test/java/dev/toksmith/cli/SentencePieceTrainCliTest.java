package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --type unigram|sp-bpe}: the files it writes run in every command, its options and its errors. */
class SentencePieceTrainCliTest {
  @TempDir Path dir;
  private Path corpus;

  @BeforeEach
  void corpus() throws IOException {
    corpus = dir.resolve("corpus.txt");
    try (InputStream in = Samples.byName("us-constitution").open()) {
      Files.write(corpus, in.readAllBytes());
    }
  }

  @Test
  void unigramModelEncodesAndDecodesInEveryCommand() throws Exception {
    Path model = dir.resolve("m.model");
    CliTest.Result r = CliTest.run("train", "--type", "unigram", "--vocab-size", "500", "--threads", "2", "-o", model.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(0, r.out().length, "data only on standard output");
    String summary = r.err();
    assertTrue(summary.startsWith("trained a Unigram model of 500 pieces"), summary);
    assertTrue(summary.contains("wrote " + model), summary);
    String text = "We the People of the United States, in Order to form a more perfect Union\n";
    CliTest.Result pieces = CliTest.run(text.getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", model.toString(), "--format", "tokens");
    assertEquals(0, pieces.code(), pieces.err());
    // The pieces spell the text, a space as the whitespace piece and one before it all.
    String spelled = new String(pieces.out(), StandardCharsets.UTF_8).replace(" ", "").replace('\u2581', ' ');
    assertEquals(" " + text, spelled);
    CliTest.Result ids = CliTest.run(text.getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", model.toString());
    CliTest.Result back = CliTest.run(ids.out(), "decode", "--tokenizer", model.toString());
    assertEquals(text, new String(back.out(), StandardCharsets.UTF_8));
    CliTest.Result inspect = CliTest.run("inspect", "--tokenizer", model.toString());
    assertEquals(0, inspect.code(), inspect.err());
  }

  @Test
  void bpeWithByteFallbackWritesTokenizerJsonAndTheSameModelForAnyThreadCount() throws Exception {
    Path json = dir.resolve("bpe.json");
    CliTest.Result r = CliTest.run("train", "--type", "sp-bpe", "--vocab-size", "600", "--byte-fallback", "--split-digits", "--normalization", "identity",
        "--no-remove-extra-whitespaces", "--allow-whitespace-only-pieces", "-o", json.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    // Unknown characters fall back to bytes; the file decodes them back.
    String text = "Article 1 \u00a7 8: \u2603 snow\n";
    CliTest.Result ids = CliTest.run(text.getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", json.toString());
    assertEquals(0, ids.code(), ids.err());
    assertEquals(text, new String(CliTest.run(ids.out(), "decode", "--tokenizer", json.toString()).out(), StandardCharsets.UTF_8));

    // -o - writes the tokenizer.json itself to standard output, the summary to standard error.
    CliTest.Result stdout = CliTest.run("train", "--type", "sp-bpe", "--vocab-size", "600", "--byte-fallback", "--split-digits", "--normalization", "identity",
        "--no-remove-extra-whitespaces", "--allow-whitespace-only-pieces", "-o", "-", corpus.toString());
    assertEquals(0, stdout.code(), stdout.err());
    assertArrayEquals(Files.readAllBytes(json), stdout.out());
    assertTrue(stdout.err().contains("wrote standard output"), stdout.err());

    Path one = dir.resolve("one.model");
    Path three = dir.resolve("three.model");
    assertEquals(0, CliTest.run("train", "--type", "sp-bpe", "--vocab-size", "600", "--threads", "1", "-o", one.toString(), corpus.toString()).code());
    assertEquals(0, CliTest.run("train", "--type", "sp-bpe", "--vocab-size", "600", "--threads", "3", "-o", three.toString(), corpus.toString()).code());
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(three));
  }

  @Test
  void misplacedOptionsAndImpossibleSettingsAreOneLineErrors() {
    CliTest.Result seed = CliTest.run("train", "--type", "sp-bpe", "--seed-size", "10", corpus.toString());
    assertEquals(2, seed.code());
    assertTrue(seed.err().startsWith("toksmith: --seed-size applies to --type unigram only"), seed.err());
    for (String type : List.of("bpe", "wordpiece")) {
      CliTest.Result elsewhere = CliTest.run("train", "--type", type, "--seed-size", "10", corpus.toString());
      assertEquals(2, elsewhere.code());
      assertTrue(elsewhere.err().startsWith("toksmith: --seed-size applies to --type unigram only"), elsewhere.err());
    }
    CliTest.Result fallback = CliTest.run("train", "--byte-fallback", corpus.toString());
    assertEquals(2, fallback.code());
    assertTrue(fallback.err().startsWith("toksmith: --byte-fallback applies to --type unigram and sp-bpe only"), fallback.err());
    CliTest.Result special = CliTest.run("train", "--type", "unigram", "--special-tokens", "<x>", corpus.toString());
    assertEquals(2, special.code());
    assertTrue(special.err().startsWith("toksmith: --special-tokens does not apply to --type unigram"), special.err());
    CliTest.Result rule = CliTest.run("train", "--type", "unigram", "--normalization", "nfc", corpus.toString());
    assertEquals(2, rule.code());
    assertTrue(rule.err().startsWith("toksmith: unknown normalization rule 'nfc'"), rule.err());
    CliTest.Result coverage = CliTest.run("train", "--type", "unigram", "--character-coverage", "0.5", corpus.toString());
    assertEquals(2, coverage.code());
    assertTrue(coverage.err().startsWith("toksmith: character coverage must be in [0.98, 1]"), coverage.err());
    Path out = dir.resolve("small.model");
    CliTest.Result small = CliTest.run("train", "--type", "unigram", "--vocab-size", "20", "-o", out.toString(), corpus.toString());
    assertEquals(1, small.code());
    assertTrue(small.err().startsWith("toksmith: vocabulary size 20 is smaller than the"), small.err());
    assertEquals(1, small.err().lines().count(), small.err());
    assertTrue(!Files.exists(out), "no file is left behind");
    CliTest.Result big = CliTest.run("train", "--type", "sp-bpe", "--vocab-size", "100000", corpus.toString());
    assertEquals(1, big.code());
    assertTrue(big.err().startsWith("toksmith: the corpus supports only"), big.err());
    CliTest.Result json = CliTest.run("train", "--type", "unigram", "--treat-whitespace-as-suffix", "--vocab-size", "500", "-o", dir.resolve("suffix.json").toString(), corpus.toString());
    assertEquals(2, json.code());
    assertTrue(json.err().startsWith("toksmith: --treat-whitespace-as-suffix needs --output FILE.model"), json.err());
  }
}
