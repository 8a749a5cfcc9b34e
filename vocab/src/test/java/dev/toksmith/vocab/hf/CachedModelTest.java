package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.TokenizerCache;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.RealTokenizerFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of large tokenizer.json files: a load that writes an entry and a load that reads it give
 * exactly the tokenizer a load without cache gives (ids of multilingual text, raw bytes, tokens, offsets
 * and decoding), and an entry that is damaged, truncated, of another format, made from other bytes or
 * unreadable is never used: the file is parsed instead, and the entry written again.
 */
class CachedModelTest {
  @TempDir
  static Path files;
  /** o200k_base and cl100k_base written as tokenizer.json (ByteLevel, Split, BPE with ignore_merges). */
  static Path o200k;
  static Path cl100k;

  @BeforeAll
  static void convert() throws IOException {
    o200k = files.resolve("o200k_base.json");
    Tokenizers.save(Tokenizers.load("o200k_base"), o200k);
    cl100k = files.resolve("cl100k_base.json");
    Tokenizers.save(Tokenizers.load("cl100k_base"), cl100k);
  }

  /** Every line of the multilingual samples, every tenth of the others, and lines that trip tokenizers. */
  private static List<String> texts() {
    List<String> lines = new ArrayList<>();
    for (Sample s : Samples.all()) {
      String[] all = s.text().split("\n", -1);
      for (int i = 0; i < all.length; i++) if (s.group().equals("multilingual") || i % 10 == 0) lines.add(all[i]);
    }
    lines.addAll(List.of("", " ", "  leading\t\ttabs\r\n", "<|endoftext|> special <|endofprompt|>", "family 👨‍👩‍👧‍👦 🇺🇸",
        "中文字符 한국어 हिन्दी ภาษาไทย", "a".repeat(300), "don't I'LL 1234567"));
    return lines;
  }

  /** Loads without cache, then with the cache in {@code dir} twice (writing, then reading), and checks all three agree. */
  private static void sameEverywhere(Path file, Path dir) throws IOException {
    Tokenizer writing = Tokenizers.load(file, TokenizerCache.at(dir));
    assertNotNull(usableEntry(file, dir), "the first load writes an entry");
    sameEverywhere(file, dir, writing);
  }

  private static void sameEverywhere(Path file, Path dir, Tokenizer writing) throws IOException {
    Tokenizer parsed = Tokenizers.load(file);
    Tokenizer reading = Tokenizers.load(file, TokenizerCache.at(dir));
    for (Tokenizer t : List.of(writing, reading)) {
      assertEquals(parsed.vocabSize(), t.vocabSize());
      for (String text : texts()) {
        int[] ids = parsed.encodeIds(text);
        assertArrayEquals(ids, t.encodeIds(text), text);
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(parsed.encodeBytes(raw), t.encodeBytes(raw), text);
        assertEquals(parsed.decode(ids, false), t.decode(ids, false));
      }
      // Tokens and offsets come from the stages, not the fast path.
      for (String line : texts().subList(0, 40)) assertEquals(parsed.encode(line, false), t.encode(line, false), line);
      for (int id : new int[] {0, 255, 1000, parsed.vocabSize() / 2, parsed.vocabSize() - 1}) assertEquals(parsed.idToToken(id), t.idToToken(id));
    }
    // Bytes that are not UTF-8: ids from a byte-level tokenizer, the same error from the others.
    byte[] invalid = {'a', (byte) 0xFF, ' ', (byte) 0xC3, 'b'};
    assertEquals(idsOrError(parsed, invalid), idsOrError(reading, invalid));
  }

  private static String idsOrError(Tokenizer t, byte[] bytes) {
    try {
      return Arrays.toString(t.encodeBytes(bytes));
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The usable entry of {@code file} in {@code dir}, or null. */
  private static ModelBytes usableEntry(Path file, Path dir) throws IOException {
    // Entries are written on another thread.
    CachedModel.awaitWrites();
    byte[] doc = Files.readAllBytes(file);
    CachedModel entry = CachedModel.of(dir, doc, doc.length);
    return entry == null ? null : entry.read();
  }

  private static Path entryOf(Path file, Path dir) throws IOException {
    CachedModel.awaitWrites();
    byte[] doc = Files.readAllBytes(file);
    return CachedModel.of(dir, doc, doc.length).file();
  }

  @Test
  void o200kFromTheCacheIsTheParsedTokenizerAndTheBuiltInName(@TempDir Path dir) throws IOException {
    sameEverywhere(o200k, dir);
    Tokenizer name = Tokenizers.load("o200k_base");
    Tokenizer cached = Tokenizers.load(o200k, TokenizerCache.at(dir));
    for (String text : texts()) if (!text.contains("<|")) assertArrayEquals(name.encodeIds(text), cached.encodeIds(text), text);
  }

  @Test
  void cl100kFromTheCacheIsTheParsedTokenizer(@TempDir Path dir) throws IOException {
    sameEverywhere(cl100k, dir);
  }

  @TestFactory
  Stream<DynamicTest> realBpeFilesFromTheCacheAreTheParsedTokenizers() throws IOException {
    return RealTokenizerFiles.eachFile(Path.of("").toAbsolutePath(), file -> {
      Path dir = Files.createTempDirectory(files, "real");
      Tokenizer writing = Tokenizers.load(file, TokenizerCache.at(dir));
      // BPE files of 1 MB or more have entries; the others are never cached.
      Assumptions.assumeTrue(usableEntry(file, dir) != null, "not cached: not a BPE file of 1 MB or more");
      sameEverywhere(file, dir, writing);
    });
  }

  @Test
  void aLoadThatFindsAnEntryTakesTheModelFromIt(@TempDir Path dir) throws IOException {
    Tokenizers.load(o200k, TokenizerCache.at(dir));
    // An entry changed on purpose, its checksum made to hold: the ids of its first two tokens swapped.
    Path entry = entryOf(o200k, dir);
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(entry)).order(ByteOrder.LITTLE_ENDIAN);
    int header = 4 + 4 + 8 + 16 + 4 * 4;
    int tokens = bytes.getInt(header);
    int chars = bytes.getInt(header + 4 + 4 * tokens);
    int ids = header + 4 + 4 * tokens + 4 + 2 * chars;
    int first = bytes.getInt(ids);
    rewriteInt(ids, bytes.getInt(ids + 4)).apply(entry);
    rewriteInt(ids + 4, first).apply(entry);
    Tokenizer parsed = Tokenizers.load(o200k);
    Tokenizer cached = Tokenizers.load(o200k, TokenizerCache.at(dir));
    assertEquals(parsed.idToToken(1), cached.idToToken(0));
    assertEquals(parsed.idToToken(0), cached.idToToken(1));
  }

  @Test
  void smallAndUncachableFilesWriteNothing(@TempDir Path dir) throws IOException {
    Path small = files.resolve("small.json");
    Files.writeString(small, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, \"merges\": [\"a b\"]}}");
    assertArrayEquals(Tokenizers.load(small).encodeIds("abab"), Tokenizers.load(small, TokenizerCache.at(dir)).encodeIds("abab"));
    CachedModel.awaitWrites();
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(0, entries.count());
    }
  }

  /** Changes the entry of {@code o200k} in {@code dir} with {@code damage}, then checks it is refused, the load still right, and the entry mended. */
  private static void refusedAndRewritten(Path dir, Damage damage) throws IOException {
    Tokenizers.load(o200k, TokenizerCache.at(dir));
    Path entry = entryOf(o200k, dir);
    damage.apply(entry);
    assertNull(usableEntry(o200k, dir), "a damaged entry is not used");
    Tokenizer loaded = Tokenizers.load(o200k, TokenizerCache.at(dir));
    Tokenizer parsed = Tokenizers.load(o200k);
    for (String text : texts()) assertArrayEquals(parsed.encodeIds(text), loaded.encodeIds(text), text);
    assertNotNull(usableEntry(o200k, dir), "the load after a refused entry writes it again");
  }

  @FunctionalInterface
  private interface Damage {
    void apply(Path entry) throws IOException;
  }

  @Test
  void aCorruptEntryIsRefused(@TempDir Path dir) throws IOException {
    refusedAndRewritten(dir, entry -> {
      byte[] bytes = Files.readAllBytes(entry);
      bytes[bytes.length / 2] ^= 0x10;
      Files.write(entry, bytes);
    });
  }

  @Test
  void aTruncatedEntryIsRefused(@TempDir Path dir) throws IOException {
    refusedAndRewritten(dir, entry -> {
      byte[] bytes = Files.readAllBytes(entry);
      Files.write(entry, Arrays.copyOf(bytes, bytes.length - 1000));
    });
    refusedAndRewritten(dir, entry -> Files.write(entry, new byte[0]));
  }

  /** Rewrites the int at {@code offset} and the closing checksum, as an entry that is whole but says something else. */
  private static Damage rewriteInt(int offset, int value) {
    return entry -> {
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(entry)).order(ByteOrder.LITTLE_ENDIAN);
      bytes.putInt(offset, value);
      CRC32C check = new CRC32C();
      check.update(bytes.array(), 0, bytes.capacity() - 4);
      bytes.putInt(bytes.capacity() - 4, (int) check.getValue());
      Files.write(entry, bytes.array());
    };
  }

  @Test
  void anEntryOfAnotherFormatVersionIsRefused(@TempDir Path dir) throws IOException {
    refusedAndRewritten(dir, rewriteInt(4, CachedModel.FORMAT + 1));
  }

  @Test
  void anEntryWhoseFieldsAreElsewhereInTheDocumentIsRefused(@TempDir Path dir) throws IOException {
    // Where model.vocab starts (header: magic, format, length, two hash words).
    refusedAndRewritten(dir, rewriteInt(4 + 4 + 8 + 16, 3));
  }

  @Test
  void anEntryMadeFromOtherBytesUnderTheSameNameIsRefused(@TempDir Path dir) throws IOException {
    // Another document of the same length, with its vocabulary and merges at the same places: white space
    // moved at its start. Its entry is put where o200k's would be found; only the hash tells them apart.
    byte[] other = Files.readAllBytes(o200k);
    assertEquals("{\n ", new String(other, 0, 3, StandardCharsets.UTF_8));
    other[1] = ' ';
    other[2] = '\n';
    Path otherFile = files.resolve("other.json");
    Files.write(otherFile, other);
    Tokenizers.load(otherFile, TokenizerCache.at(dir));
    Path otherEntry = entryOf(otherFile, dir);
    assertTrue(Files.isRegularFile(otherEntry));
    Files.copy(otherEntry, entryOf(o200k, dir));
    assertNull(usableEntry(o200k, dir), "an entry of other bytes is not used");
    Tokenizer loaded = Tokenizers.load(o200k, TokenizerCache.at(dir));
    assertArrayEquals(Tokenizers.load(o200k).encodeIds("hello world"), loaded.encodeIds("hello world"));
    assertNotNull(usableEntry(o200k, dir));
  }

  @Test
  void anUnwritableOrMissingDirectoryOnlyMeansParsing() throws IOException {
    Path notADirectory = files.resolve("plain-file");
    Files.writeString(notADirectory, "x");
    Tokenizer loaded = Tokenizers.load(o200k, TokenizerCache.at(notADirectory.resolve("cache")));
    assertArrayEquals(Tokenizers.load("o200k_base").encodeIds("hello world"), loaded.encodeIds("hello world"));
    Path missing = files.resolve("missing/deeper");
    Tokenizers.load(o200k, TokenizerCache.at(missing));
    assertNotNull(usableEntry(o200k, missing), "a missing directory is made");
  }

  @Test
  void pruningKeepsTheMostRecentlyUsedEntries(@TempDir Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    for (int i = 0; i < CachedModel.MAX_ENTRIES + 3; i++) {
      Path entry = dir.resolve("entry" + i + CachedModel.EXTENSION);
      Files.write(entry, new byte[] {(byte) i});
      Files.setLastModifiedTime(entry, FileTime.fromMillis(1_000_000_000_000L + i * 1000L));
      entries.add(entry);
    }
    Path other = Files.writeString(dir.resolve("notes.txt"), "not an entry");
    Files.setLastModifiedTime(other, FileTime.fromMillis(0));
    // Temporary files of entries being written: one left by a JVM killed an hour ago or more, one being written now.
    Path stale = Files.writeString(dir.resolve(".entry1" + CachedModel.TEMPORARY), "half");
    Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));
    Path writing = Files.writeString(dir.resolve(".entry2" + CachedModel.TEMPORARY), "half");
    CachedModel.prune(dir);
    for (int i = 0; i < entries.size(); i++) assertEquals(i >= 3, Files.exists(entries.get(i)), entries.get(i).toString());
    assertTrue(Files.exists(other), "only entries are pruned");
    assertFalse(Files.exists(stale), "a stale temporary file is removed");
    assertTrue(Files.exists(writing), "an entry being written is left alone");
  }

  @Test
  void readingAnEntryMarksItUsed(@TempDir Path dir) throws IOException {
    Tokenizers.load(o200k, TokenizerCache.at(dir));
    Path entry = entryOf(o200k, dir);
    Files.setLastModifiedTime(entry, FileTime.fromMillis(1_000_000_000_000L));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(entry), left.toList(), "one entry, no temporary file");
    }
    assertNotNull(usableEntry(o200k, dir));
    assertTrue(Files.getLastModifiedTime(entry).toMillis() > 1_000_000_000_000L);
  }

  @Test
  void theUserCacheFollowsTheEnvironment() {
    Path home = Path.of("/home/someone");
    assertEquals(home.resolve(".cache/toksmith"), TokenizerCache.fromEnvironment(Map.of("HOME", home.toString())).orElseThrow().directory());
    assertEquals(Path.of("/xdg/toksmith"), TokenizerCache.fromEnvironment(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/xdg")).orElseThrow().directory());
    // The XDG specification ignores a relative path.
    assertEquals(Path.of("/h/.cache/toksmith"), TokenizerCache.fromEnvironment(Map.of("HOME", "/h", "XDG_CACHE_HOME", "rel")).orElseThrow().directory());
    assertEquals(Path.of("/mine"), TokenizerCache.fromEnvironment(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/xdg", TokenizerCache.DIRECTORY, "/mine")).orElseThrow().directory());
    for (String off : List.of("off", "0", "false", "no", "OFF")) {
      assertTrue(TokenizerCache.fromEnvironment(Map.of("HOME", "/h", TokenizerCache.DIRECTORY, "/mine", TokenizerCache.SWITCH, off)).isEmpty(), off);
    }
    assertTrue(TokenizerCache.fromEnvironment(Map.of()).isEmpty(), "no home, no cache");
  }

  @Test
  void theHashTellsDocumentsApart() {
    byte[] a = new byte[1000];
    byte[] b = a.clone();
    b[999] = 1;
    byte[] c = a.clone();
    c[8] = 1;
    assertFalse(Arrays.equals(CachedModel.hash(a, 1000), CachedModel.hash(b, 1000)));
    assertFalse(Arrays.equals(CachedModel.hash(a, 1000), CachedModel.hash(c, 1000)));
    assertFalse(Arrays.equals(CachedModel.hash(a, 1000), CachedModel.hash(a, 999)));
    assertArrayEquals(CachedModel.hash(a, 1000), CachedModel.hash(a.clone(), 1000));
  }
}
