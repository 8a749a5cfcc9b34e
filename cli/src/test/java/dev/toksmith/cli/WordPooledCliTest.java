package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.WordPooledBatch;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.npy.WordPooledArrays;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** encode, decode, inspect and train with word-pooled tokenizers, end to end through {@link Main#run}. */
class WordPooledCliTest {
  private static final String[] BYTES_3_1 = {"--tokenizer", "word-pooled:bytes", "--max-units", "3", "--slots", "1"};

  @TempDir Path dir;

  private static CliTest.Result run(String stdin, String... args) {
    return CliTest.run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  private static String[] args(String command, String[] layout, String... more) {
    String[] all = new String[1 + layout.length + more.length];
    all[0] = command;
    System.arraycopy(layout, 0, all, 1, layout.length);
    System.arraycopy(more, 0, all, 1 + layout.length, more.length);
    return all;
  }

  @Test
  void jsonLinesFollowTheSchemaAndDecodeExactly() {
    // Worked by hand: slot 257, pad 256; " cde" is 4 bytes, so a row of 3 and a continuation row.
    CliTest.Result encoded = run("ab cde,\nx", args("encode", BYTES_3_1));
    assertEquals(0, encoded.code(), encoded.err());
    assertEquals("{\"units\":[[257,97,98,256],[257,32,99,100],[257,101,256,256],[257,44,256,256]],\"lengths\":[2,3,1,1],\"continuation\":[0,0,1,0]}\n"
        + "{\"units\":[[257,120,256,256]],\"lengths\":[1],\"continuation\":[0]}", encoded.outText());
    CliTest.Result decoded = CliTest.run(encoded.out(), args("decode", BYTES_3_1));
    assertEquals(0, decoded.code(), decoded.err());
    assertEquals("ab cde,\nx", decoded.outText());
  }

  @Test
  void npyBatchesGoToANewDirectoryAndDecodeBack() throws Exception {
    Path out = dir.resolve("batch");
    CliTest.Result encoded = run("ab cde,\n\nx\n", args("encode", BYTES_3_1, "--format", "npy", "--output", out.toString()));
    assertEquals(0, encoded.code(), encoded.err());
    WordPooledBatch batch = WordPooledArrays.read(out);
    assertEquals(3, batch.texts());
    assertEquals(4, batch.words());
    assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0}, batch.mask());
    CliTest.Result decoded = run("", args("decode", BYTES_3_1, out.toString()));
    assertEquals(0, decoded.code(), decoded.err());
    assertEquals("ab cde,\n\nx\n", decoded.outText());
    CliTest.Result again = run("x\n", args("encode", BYTES_3_1, "--format", "npy", "--output", out.toString()));
    assertEquals(1, again.code());
    assertEquals("toksmith: already exists: " + out + "\n", again.err());
  }

  @Test
  void aTrainedCharacterVocabularyRoundTripsASampleAndEqualsItsSubwordUse() throws Exception {
    Path vocabulary = dir.resolve("chars.json");
    Path corpus = Files.writeString(dir.resolve("corpus.txt"), Samples.byName("udhr-deu").text());
    CliTest.Result trained = run("", "train", "--type", "word-pooled-chars", "--vocab-size", "320", "-o", vocabulary.toString(), corpus.toString());
    assertEquals(0, trained.code(), trained.err());
    assertTrue(trained.err().startsWith("trained a character vocabulary of 320 ids (64 characters + 256 byte ids)"), trained.err());
    String text = Samples.byName("udhr-rus").text();
    String[] chars = {"--tokenizer", "word-pooled:chars:" + vocabulary, "--max-units", "6"};
    String[] subwords = {"--tokenizer", "word-pooled:subwords:" + vocabulary, "--max-units", "6"};
    CliTest.Result encoded = run(text, args("encode", chars));
    assertEquals(0, encoded.code(), encoded.err());
    assertEquals(encoded.outText(), run(text, args("encode", subwords)).outText());
    CliTest.Result decoded = CliTest.run(encoded.out(), args("decode", chars));
    assertEquals(text, decoded.outText());
  }

  @Test
  void codePointsRoundTripAMultilingualSample() {
    String text = Samples.byName("udhr-jpn").text();
    String[] layout = {"--tokenizer", "word-pooled:chars", "--max-units", "4", "--slots", "4"};
    CliTest.Result encoded = run(text, args("encode", layout));
    assertEquals(0, encoded.code(), encoded.err());
    assertEquals(text, CliTest.run(encoded.out(), args("decode", layout)).outText());
  }

  @Test
  void inspectDescribesTheLayout() {
    CliTest.Result r = run("", args("inspect", BYTES_3_1));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.outText().contains("units:          UTF-8 bytes (unit ids 0..255)\n"), r.outText());
    assertTrue(r.outText().contains("row layout:     1 reserved slots (ids 257..257) + 3 units = width 4; pad id 256\n"), r.outText());
    assertTrue(r.outText().contains("example:        'Hello' ',' '␣' '␣world' '!' '␣東' '京' 'タワー' '␣😀'"), r.outText());
  }

  @Test
  void misuseIsOneLineAndTheRightExitStatus() {
    assertUsage(run("x", "encode", "--tokenizer", "word-pooled:bytes"), "word-pooled tokenizers need --max-units N");
    assertUsage(run("x", args("encode", BYTES_3_1, "--format", "npy")), "--format npy writes a directory: give it with -o DIR");
    assertUsage(run("x", args("encode", BYTES_3_1, "--format", "ids")), "word-pooled tokenizers write --format jsonl or npy, not ids");
    assertUsage(run("x", args("encode", BYTES_3_1, "--add-special-tokens")), "--add-special-tokens does not apply to word-pooled tokenizers");
    assertUsage(run("x", "encode", "--tokenizer", "word-pooled:words", "--max-units", "3"), "unknown word-pooled tokenizer word-pooled:words");
    assertUsage(run("x", "encode", "--tokenizer", "gpt2", "--slots", "3"), "--slots needs a word-pooled tokenizer");
    assertUsage(run("x", "encode", "--tokenizer", "gpt2", "--format", "npy"), "--format npy needs a word-pooled tokenizer");
    assertUsage(run("x", "decode", "--tokenizer", "word-pooled:bytes", "--max-units", "0"), "max units per word must be at least 1, not 0");
    assertUsage(run("", "train", "--type", "word-pooled-chars", "--normalizer", "nfc"), "--normalizer does not apply to --type word-pooled-chars");
    assertUsage(run("", "train", "--type", "words"), "unknown --type words (choose bpe, wordpiece, wordlevel, unicode or word-pooled-chars)");
    CliTest.Result bad = run("{\"units\":[[257,97,98,256]],\"lengths\":[3],\"continuation\":[0]}\n", args("decode", BYTES_3_1));
    assertEquals(1, bad.code());
    assertEquals("toksmith: stdin:1: row 0: position 3 holds 256, which is not a unit id (0..255)\n", bad.err());
  }

  private static void assertUsage(CliTest.Result r, String message) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("toksmith: " + message), r.err());
    assertFalse(r.err().strip().contains("\n"), r.err());
  }
}
