package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --type wordpiece} and {@code --type wordlevel} on the command line. */
class WordTrainCliTest {
  @TempDir static Path dir;
  static Path corpus;

  @BeforeAll
  static void writeCorpus() throws Exception {
    corpus = dir.resolve("corpus.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50; i++) text.append("Hello, world! The playing players played. Café naïve über.\n").append("unplayable replay ").append(i).append('\n');
    Files.writeString(corpus, text);
  }

  private static String out(CliTest.Result r) {
    return new String(r.out(), StandardCharsets.UTF_8);
  }

  private static void assertUsageError(CliTest.Result r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("toksmith: ") && r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void wordPieceWritesABertTokenizer() throws Exception {
    Path out = dir.resolve("wordpiece.json");
    CliTest.Result r = CliTest.run("train", "--type", "wordpiece", "--vocab-size", "100", "--output", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(0, r.out().length, "the summary goes to standard error");
    assertTrue(r.err().startsWith("trained a wordpiece vocabulary of 100 tokens ("), r.err());
    assertTrue(r.err().contains("corpus: " + corpus + ", 100 documents"), r.err());

    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals("BertNormalizer", json.at("/normalizer/type").textValue());
    assertTrue(json.at("/normalizer/lowercase").booleanValue());
    assertTrue(json.at("/normalizer/strip_accents").isNull(), "accents follow lowercasing, as Hugging Face writes it");
    assertEquals("BertPreTokenizer", json.at("/pre_tokenizer/type").textValue());
    assertEquals("BertProcessing", json.at("/post_processor/type").textValue());
    assertEquals("WordPiece", json.at("/decoder/type").textValue());
    assertEquals("WordPiece", json.at("/model/type").textValue());
    assertEquals(1, json.at("/model/vocab/[UNK]").intValue());

    CliTest.Result tokens = CliTest.run("CAFÉ playable replayers!\n".getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", out.toString(), "--add-special-tokens", "--format", "tokens");
    assertEquals(0, tokens.code(), tokens.err());
    // Pieces of a word after its first carry ##; joined up they give the normalized words back.
    String line = out(tokens);
    assertTrue(line.contains(" ##"), line);
    assertEquals("[CLS] cafe playable replayers ! [SEP]\n", line.replace(" ##", ""));
    CliTest.Result text = CliTest.run(CliTest.run("Hello, world!\n".getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", out.toString()).out(), "decode", "--tokenizer", out.toString());
    assertEquals("hello, world!\n", out(text));
  }

  @Test
  void wordPieceKeepsCaseWhenAsked() throws Exception {
    Path out = dir.resolve("cased.json");
    CliTest.Result r = CliTest.run("train", "--type", "wordpiece", "--no-lowercase", "--limit-alphabet", "20", "--vocab-size", "80", "--output", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertFalse(json.at("/normalizer/lowercase").booleanValue());
    assertTrue(json.at("/model/vocab").has("H"));
    int single = 0;
    for (var names = json.at("/model/vocab").fieldNames(); names.hasNext(); ) if (names.next().codePointCount(0, 1) == 1 && !json.at("/model/vocab").has("##")) single++;
    assertTrue(single > 0);
    assertFalse(json.at("/model/vocab").has("ü"), "the alphabet limit left out rare characters");
  }

  @Test
  void wordLevelRanksWordsAndKnowsUnknownOnes() throws Exception {
    Path out = dir.resolve("wordlevel.json");
    CliTest.Result r = CliTest.run("train", "--type", "wordlevel", "--normalizer", "lowercase", "--output", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("trained a wordlevel vocabulary of "), r.err());
    assertTrue(r.err().contains("note: the corpus supports only"), r.err());
    CliTest.Result ids = CliTest.run("hello zebra.\n".getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", out.toString(), "--format", "tokens");
    assertEquals("hello [UNK] .\n", out(ids));
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(0, json.at("/model/vocab/[UNK]").intValue());
    assertEquals("Whitespace", json.at("/pre_tokenizer/type").textValue());
    assertEquals("Lowercase", json.at("/normalizer/type").textValue());
  }

  @Test
  void wordLevelReadsStandardInput() {
    Path out = dir.resolve("stdin.json");
    CliTest.Result r = CliTest.run("b a b\n".getBytes(StandardCharsets.UTF_8), "train", "--type", "wordlevel", "--output", out.toString(), "-");
    assertEquals(0, r.code(), r.err());
    CliTest.Result tokens = CliTest.run("a b c\n".getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", out.toString());
    assertEquals("2 1 0\n", out(tokens), "[UNK] 0, then b (twice), then a");
  }

  @Test
  void dashOutputWritesTheTokenizerToStandardOutput() throws Exception {
    CliTest.Result r = CliTest.run("b a b\n".getBytes(StandardCharsets.UTF_8), "train", "--type", "wordlevel", "-o", "-", "-");
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(1, json.at("/model/vocab/b").intValue());
    assertTrue(r.err().endsWith("wrote standard output\n"), r.err());
  }

  @Test
  void optionsOfOtherTypesAndBadSettingsAreUsageErrors() {
    String output = dir.resolve("never.json").toString();
    assertUsageError(CliTest.run("train", "--limit-alphabet", "5", "--output", output, corpus.toString()), "--limit-alphabet applies to --type wordpiece only");
    assertUsageError(CliTest.run("train", "--type", "wordlevel", "--no-lowercase", "--output", output, corpus.toString()), "--[no-]lowercase applies to --type wordpiece only");
    assertUsageError(CliTest.run("train", "--type", "wordpiece", "--normalizer", "nfkc", "--output", output, corpus.toString()), "--normalizer does not apply to --type wordpiece");
    assertUsageError(CliTest.run("train", "--type", "wordlevel", "--preset", "kl3m", "--output", output, corpus.toString()), "--preset does not apply to --type wordlevel");
    assertUsageError(CliTest.run("train", "--type", "wordpiece", "--special-tokens", "[CLS],[SEP]", "--output", output, corpus.toString()), "must include [UNK]");
    assertUsageError(CliTest.run("train", "--type", "wordlevel", "--threads", "0", "--output", output, corpus.toString()), "threads must be at least 1");
    assertUsageError(CliTest.run("train", "--type", "word-piece", "--output", output, corpus.toString()), "choose bpe, wordpiece, wordlevel, unicode or word-pooled-chars");
    assertFalse(Files.exists(Path.of(output)));
  }

  @Test
  void aMissingInputIsOneLineAndWritesNothing() {
    Path output = dir.resolve("missing.json");
    CliTest.Result r = CliTest.run("train", "--type", "wordpiece", "--output", output.toString(), dir.resolve("no-such-file").toString());
    assertEquals(1, r.code());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertTrue(r.err().contains("no-such-file"), r.err());
    assertFalse(Files.exists(output));
  }
}
