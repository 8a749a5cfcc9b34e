package dev.toksmith;

import static dev.toksmith.core.corpus.TestCorpora.bzip2;
import static dev.toksmith.core.corpus.TestCorpora.documents;
import static dev.toksmith.core.corpus.TestCorpora.gzip;
import static dev.toksmith.core.corpus.TestCorpora.tar;
import static dev.toksmith.core.corpus.TestCorpora.utf8;
import static dev.toksmith.core.corpus.TestCorpora.write;
import static dev.toksmith.core.corpus.TestCorpora.xz;
import static dev.toksmith.core.corpus.TestCorpora.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.toksmith.api.CorpusException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.compressors.xz.XZUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compressed files and archives, recognized by content, and their errors. */
class CorpusArchivesTest {
  private static final String TEXT = "one\ntwo\r\nthree";
  private static final List<String> LINES = List.of("one\n", "two\r\n", "three");

  @TempDir Path dir;

  @Test
  void gzipIsRecognizedByContentNotName() throws IOException {
    assertEquals(LINES, read("a.gz", gzip(utf8(TEXT))));
    assertEquals(LINES, read("misnamed.txt", gzip(utf8(TEXT))));
  }

  @Test
  void concatenatedGzipMembersAreAllRead() throws IOException {
    byte[] first = gzip(utf8("from member one\nand its last line "));
    byte[] second = gzip(utf8("continues in member two\n"));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertEquals(List.of("from member one\n", "and its last line continues in member two\n"), read("multi.gz", both));
  }

  @Test
  void bzip2IsDecompressed() throws IOException {
    assertEquals(LINES, read("a.bz2", bzip2(utf8(TEXT))));
    assertEquals(List.of(), read("empty.bz2", bzip2(new byte[0])));
  }

  @Test
  void textThatMerelyStartsLikeAMagicNumberIsText() throws IOException {
    assertEquals(List.of("BZh9 is not bzip2\n"), read("b.txt", utf8("BZh9 is not bzip2\n")));
    assertEquals(List.of("PK\n"), read("p.txt", utf8("PK\n")));
  }

  @Test
  void xzIsDecompressedWhenTheXzLibraryIsPresent() throws IOException {
    assumeTrue(XZUtils.isXZCompressionAvailable(), "org.tukaani:xz is not on the test class path");
    assertEquals(LINES, read("a.xz", xz(utf8(TEXT))));
    assertEquals(List.of("x\n", "y\n"), read("a.tar.xz", xz(tar(entries("x.txt", "x\n", "y.txt", "y\n")))));
  }

  @Test
  void xzWithoutTheXzLibraryFailsClearly() throws IOException {
    assumeFalse(XZUtils.isXZCompressionAvailable(), "org.tukaani:xz is on the test class path");
    byte[] header = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4, (byte) 0xE6, (byte) 0xD6, (byte) 0xB4, 0x46};
    assertEquals("corpus/a.xz: reading xz input needs the org.tukaani:xz library on the class path", failure("a.xz", header));
  }

  @Test
  void zstdIsRecognizedAndRefused() throws IOException {
    byte[] frame = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0, 0, 0};
    assertEquals("corpus/a.zst: zstd-compressed input is not supported; decompress it first", failure("a.zst", frame));
  }

  @Test
  void tarYieldsRegularFilesInArchiveOrderEachDecompressedIfCompressed() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("docs/", new byte[0]);
    entries.put("docs/z.txt", utf8("z first\n"));
    entries.put("docs/a.txt.gz", gzip(utf8("a second\n")));
    entries.put("empty.txt", new byte[0]);
    entries.put("b.bz2", bzip2(utf8("b third")));
    assertEquals(List.of("z first\n", "a second\n", "b third"), read("a.tar", tar(entries)));
    assertEquals(List.of("z first\n", "a second\n", "b third"), read("a.tgz", gzip(tar(entries))));
    assertEquals(List.of("z first\n", "a second\n", "b third"), read("a.tar.bz2", bzip2(tar(entries))));
  }

  @Test
  void hiddenEntriesAndMacJunkAreSkippedButDotSlashPrefixesAreNot() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("./", new byte[0]);
    entries.put("./kept.txt", utf8("kept\n"));
    entries.put("./.hidden", utf8("hidden\n"));
    entries.put("notes/.cache/x.txt", utf8("in hidden dir\n"));
    entries.put("__MACOSX/._kept.txt", utf8("resource fork\n"));
    entries.put(".DS_Store", utf8("junk\n"));
    entries.put("notes/also kept.txt", utf8("also kept\n"));
    assertEquals(List.of("kept\n", "also kept\n"), read("a.tar", tar(entries)));
    assertEquals(List.of("kept\n", "also kept\n"), read("a.zip", zip(entries, ZipArchiveEntry.DEFLATED)));
  }

  /** Names with dot components, backslashes or a leading slash are normalised and read, never skipped. */
  @Test
  void entryNamesAreNormalisedNotSkipped() throws IOException {
    Map<String, byte[]> entries = entries("a/../b.txt", "b\n", "c/./d.txt", "d\n", "../../up.txt", "up\n", "/abs.txt", "abs\n",
        "win\\dir\\e.txt", "e\n", "f//g.txt", "g\n", "h/../.hidden", "hidden\n", "i/.././/j/.txt", "hidden too\n");
    List<String> all = List.of("b\n", "d\n", "up\n", "abs\n", "e\n", "g\n");
    assertEquals(all, read("n.tar", tar(entries)));
    assertEquals(all, read("n.zip", zip(entries, ZipArchiveEntry.DEFLATED)));
    // Errors name the entry by its normalised name.
    Map<String, byte[]> bad = entries("x/../y/./z.gz", "not gzip");
    bad.put("x/../y/./z.gz", Arrays.copyOf(gzip(utf8("text\n".repeat(100))), 20));
    assertEquals("corpus/n.tar!y/z.gz: corrupt gzip data (unexpected end of data)", failure("n.tar", tar(bad)));
  }

  @Test
  void zipYieldsDeflatedAndStoredEntriesInArchiveOrder() throws IOException {
    Map<String, byte[]> entries = entries("b.txt", "bee\n", "a.txt", "ay\n", "c.txt.gz", "");
    entries.put("c.txt.gz", gzip(utf8("sea\n")));
    assertEquals(List.of("bee\n", "ay\n", "sea\n"), read("a.zip", zip(entries, ZipArchiveEntry.DEFLATED)));
    assertEquals(List.of("bee\n", "ay\n", "sea\n"), read("stored.zip", zip(entries, ZipArchiveEntry.STORED)));
    assertEquals(List.of(), read("empty.zip", zip(Map.of(), ZipArchiveEntry.DEFLATED)));
  }

  @Test
  void archivesInsideArchivesUnwrapToo() throws IOException {
    byte[] inner = gzip(tar(entries("deep.txt", "deep\n")));
    assertEquals(List.of("deep\n"), read("outer.zip", zip(Map.of("inner.tgz", inner), ZipArchiveEntry.DEFLATED)));
  }

  @Test
  void progressCountsWholeArchivesIncludingWhatFollowsTheLastEntry() throws IOException {
    Path archive = write(dir.resolve("a.zip"), zip(entries("a.txt", "a\n"), ZipArchiveEntry.DEFLATED));
    long[] last = new long[1];
    Corpus corpus = Corpus.of(archive.toString());
    corpus.read(document -> {}, (done, total) -> last[0] = done);
    assertEquals(Files.size(archive), last[0]);
    assertEquals(Files.size(archive), corpus.knownSizeBytes());
  }

  @Test
  void corruptCompressedDataNamesTheFile() throws IOException {
    byte[] gz = gzip(utf8("some text that compresses\n".repeat(100)));
    String message = failure("cut.gz", Arrays.copyOf(gz, gz.length / 2));
    assertTrue(message.startsWith("corpus/cut.gz: corrupt gzip data ("), message);
    byte[] garbled = gz.clone();
    for (int i = 20; i < garbled.length - 8; i++) garbled[i] ^= 0x5A;
    assertTrue(failure("garbled.gz", garbled).startsWith("corpus/garbled.gz: corrupt gzip data ("));
    byte[] bz = bzip2(utf8("some text\n".repeat(100)));
    assertTrue(failure("cut.bz2", Arrays.copyOf(bz, bz.length - 10)).startsWith("corpus/cut.bz2: corrupt bzip2 data ("));
  }

  @Test
  void corruptArchivesNameTheArchiveOrEntry() throws IOException {
    byte[] tar = tar(entries("inner/file.txt", "x".repeat(5000)));
    String truncated = failure("cut.tar.gz", gzip(Arrays.copyOf(tar, 2000)));
    assertTrue(truncated.startsWith("corpus/cut.tar.gz!inner/file.txt: corrupt tar archive ("), truncated);
    byte[] zip = zip(entries("inner/file.txt", "y".repeat(5000)), ZipArchiveEntry.DEFLATED);
    String cutZip = failure("cut.zip", Arrays.copyOf(zip, 60));
    assertTrue(cutZip.startsWith("corpus/cut.zip!inner/file.txt: corrupt zip archive ("), cutZip);
  }

  @Test
  void errorMessagesAreOneLine() throws IOException {
    byte[] gz = gzip(utf8("text\n".repeat(1000)));
    String message = failure("cut.gz", Arrays.copyOf(gz, 30));
    assertEquals(-1, message.indexOf('\n'), message);
  }

  private List<String> read(String name, byte[] content) throws IOException {
    return documents(Corpus.of(write(dir.resolve(name), content).toString()));
  }

  /** The message of reading {@code content} stored as corpus/NAME, without the temporary directory. */
  private String failure(String name, byte[] content) throws IOException {
    Path file = write(dir.resolve("corpus").resolve(name), content);
    String message = assertThrows(CorpusException.class, () -> documents(Corpus.of(file.toString()))).getMessage();
    return message.replace(dir + File.separator, "");
  }

  private static Map<String, byte[]> entries(String... namesAndTexts) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) entries.put(namesAndTexts[i], utf8(namesAndTexts[i + 1]));
    return entries;
  }
}
