package dev.toksmith;

import static dev.toksmith.core.corpus.TestCorpora.documents;
import static dev.toksmith.core.corpus.TestCorpora.gzip;
import static dev.toksmith.core.corpus.TestCorpora.utf8;
import static dev.toksmith.core.corpus.TestCorpora.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain-text inputs: files, directories, standard input and named sources. */
class CorpusFilesTest {
  @TempDir Path dir;

  @Test
  void everyLineIsADocumentWithItsLineEnd() throws IOException {
    Path file = write(dir.resolve("a.txt"), "first\nsecond\r\nlone\rcr\n\nno newline at end");
    assertEquals(List.of("first\n", "second\r\n", "lone\rcr\n", "\n", "no newline at end"), documents(Corpus.of(file.toString())));
  }

  @Test
  void emptyFilesGiveNoDocumentsAndFilesDoNotRunTogether() throws IOException {
    Path a = write(dir.resolve("a.txt"), "a1\na2");
    Path empty = write(dir.resolve("empty.txt"), "");
    Path b = write(dir.resolve("b.txt"), "b1\n");
    assertEquals(List.of("a1\n", "a2", "b1\n"), documents(Corpus.of(a.toString(), empty.toString(), b.toString())));
  }

  @Test
  void inputsAreReadInTheOrderGiven() throws IOException {
    Path a = write(dir.resolve("a.txt"), "a\n");
    Path b = write(dir.resolve("b.txt"), "b\n");
    assertEquals(List.of("b\n", "a\n", "b\n"), documents(Corpus.of(List.of(b.toString(), a.toString(), b.toString()))));
  }

  @Test
  void directoriesExpandRecursivelyInPathByteOrder() throws IOException {
    Path corpus = dir.resolve("corpus");
    // Whole-path order: "a-b.txt" < "a/..." because '-' (0x2D) < '/' (0x2F); "B" < "a" (ASCII);
    // U+E000 sorts before U+1F600 in UTF-8 byte order (and code point order), not in UTF-16 order.
    write(corpus.resolve("a/z.txt"), "a/z\n");
    write(corpus.resolve("a/b/c.txt"), "a/b/c\n");
    write(corpus.resolve("a-b.txt"), "a-b\n");
    write(corpus.resolve("B.txt"), "B\n");
    write(corpus.resolve("\uE000.txt"), "private use\n");
    write(corpus.resolve("😀.txt"), "emoji\n");
    write(corpus.resolve("a/10.txt"), "a/10\n");
    write(corpus.resolve("a/9.txt"), "a/9\n");
    assertEquals(List.of("B\n", "a-b\n", "a/10\n", "a/9\n", "a/b/c\n", "a/z\n", "private use\n", "emoji\n"),
        documents(Corpus.of(corpus.toString())));
  }

  @Test
  void hiddenFilesAndDirectoriesAreSkippedInsideDirectoriesOnly() throws IOException {
    Path corpus = dir.resolve("corpus");
    write(corpus.resolve("seen.txt"), "seen\n");
    write(corpus.resolve(".hidden.txt"), "hidden file\n");
    write(corpus.resolve(".git/objects/x.txt"), "hidden dir\n");
    write(corpus.resolve("sub/.DS_Store"), "junk\n");
    write(corpus.resolve("sub/ok.txt"), "ok\n");
    Path explicit = write(dir.resolve(".explicit.txt"), "explicit\n");
    assertEquals(List.of("seen\n", "ok\n"), documents(Corpus.of(corpus.toString())));
    assertEquals(List.of("explicit\n"), documents(Corpus.of(explicit.toString())));
  }

  @Test
  void symbolicLinksAreFollowedButLoopsAndDanglingLinksAreNot() throws IOException {
    Path corpus = dir.resolve("corpus");
    Path target = write(dir.resolve("elsewhere/t.txt"), "linked\n");
    write(corpus.resolve("a.txt"), "a\n");
    Files.createSymbolicLink(corpus.resolve("b.txt"), target);
    Files.createSymbolicLink(corpus.resolve("dangling.txt"), dir.resolve("nothing"));
    assertEquals(List.of("a\n", "linked\n"), documents(Corpus.of(corpus.toString())));
    Files.createSymbolicLink(corpus.resolve("loop"), corpus);
    CorpusException e = assertThrows(CorpusException.class, () -> documents(Corpus.of(corpus.toString())));
    assertEquals("symbolic link loop: " + corpus.resolve("loop"), e.getMessage());
  }

  @Test
  void dashReadsTheGivenStandardInput() throws IOException {
    Path file = write(dir.resolve("f.txt"), "file\n");
    Corpus corpus = Corpus.of("-", file.toString()).withStdin(new ByteArrayInputStream(utf8("in 1\nin 2\n")));
    assertEquals(List.of("in 1\n", "in 2\n", "file\n"), documents(corpus));
    assertEquals(-1, corpus.knownSizeBytes());
  }

  @Test
  void standardInputMayBeCompressedToo() throws IOException {
    Corpus corpus = Corpus.of("-").withStdin(new ByteArrayInputStream(gzip(utf8("zipped\n"))));
    assertEquals(List.of("zipped\n"), documents(corpus));
  }

  @Test
  void sourcesAreNamedStreamsOpenedOncePerRead() throws IOException {
    List<String> opened = new ArrayList<>();
    Corpus corpus = Corpus.ofSources(List.of(
        new Corpus.Source("one", () -> open(opened, "one", "1a\n1b")),
        new Corpus.Source("two", () -> open(opened, "two", "2\n"))));
    assertEquals(List.of("1a\n", "1b", "2\n"), documents(corpus));
    assertEquals(List.of("one", "two"), opened);
    assertEquals(-1, corpus.knownSizeBytes());
  }

  @Test
  void sourceFailuresNameTheSource() {
    Corpus failing = Corpus.ofSources(List.of(new Corpus.Source("res/a.txt", () -> {
      throw new IOException("gone");
    })));
    assertEquals("cannot open res/a.txt (gone)", assertThrows(CorpusException.class, () -> documents(failing)).getMessage());
    Corpus missing = Corpus.ofSources(List.of(new Corpus.Source("res/b.txt", () -> null)));
    assertEquals("cannot open res/b.txt (no stream)", assertThrows(CorpusException.class, () -> documents(missing)).getMessage());
  }

  @Test
  void readFailuresNameTheInputOnOneLine() {
    InputStream failing = new InputStream() {
      private int left = 3;

      @Override
      public int read() throws IOException {
        if (left-- > 0) return 'x';
        throw new IOException("Input/output error\n\tat some.Frame");
      }
    };
    Corpus corpus = Corpus.ofSources(List.of(new Corpus.Source("disk/a.txt", () -> failing)));
    CorpusException e = assertThrows(CorpusException.class, () -> documents(corpus));
    assertEquals("cannot read disk/a.txt (Input/output error at some.Frame)", e.getMessage());
  }

  @Test
  void missingInputsFailBeforeAnythingIsRead() throws IOException {
    Path present = write(dir.resolve("present.txt"), "x\n");
    Path missing = dir.resolve("missing.txt");
    List<String> documents = new ArrayList<>();
    Corpus corpus = Corpus.of(present.toString(), missing.toString());
    CorpusException e = assertThrows(CorpusException.class, () -> corpus.read(documents::add, (done, total) -> {}));
    assertEquals("no such file or directory: " + missing, e.getMessage());
    assertEquals(List.of(), documents);
    assertEquals(-1, corpus.knownSizeBytes());
  }

  @Test
  void unreadableFilesSaySo() throws IOException {
    Path file = write(dir.resolve("secret.txt"), "x\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "running as root, which reads anything");
    CorpusException e = assertThrows(CorpusException.class, () -> documents(Corpus.of(file.toString())));
    assertEquals("permission denied: " + file, e.getMessage());
  }

  @Test
  void knownSizeIsTheSumOfStoredFileSizes() throws IOException {
    Path plain = write(dir.resolve("d/plain.txt"), "12345\n");
    Path packed = write(dir.resolve("d/sub/packed.gz"), gzip(utf8("x".repeat(10_000))));
    Path other = write(dir.resolve("other.txt"), "abc");
    long expected = Files.size(plain) + Files.size(packed) + Files.size(other);
    assertEquals(expected, Corpus.of(dir.resolve("d").toString(), other.toString()).knownSizeBytes());
    assertEquals(0, Corpus.of(List.of()).knownSizeBytes());
  }

  @Test
  void statsCountDocumentsDecodedBytesAndReplacements() throws IOException {
    Path file = write(dir.resolve("a.txt"), new byte[] {'a', '\n', (byte) 0xC0, (byte) 0xAF, '\n', (byte) 0xE2, (byte) 0x82});
    CorpusStats stats = Corpus.of(file.toString()).read(document -> {}, (done, total) -> {});
    assertEquals(new CorpusStats(3, 7, 3), stats);
  }

  @Test
  void progressIsMonotonicAtMostEveryMebibyteAndEndsAtTheTotal() throws IOException {
    String line = "a line of text that is long enough to matter\n";
    Path big = write(dir.resolve("big.txt"), line.repeat(80_000)); // about 3.6 MB
    Path packed = write(dir.resolve("packed.gz"), gzip(utf8(line.repeat(100_000))));
    Path small = write(dir.resolve("small.txt"), "tiny\n");
    Corpus corpus = Corpus.of(big.toString(), packed.toString(), small.toString());
    long total = corpus.knownSizeBytes();
    List<long[]> calls = new ArrayList<>();
    corpus.read(document -> {}, (done, reportedTotal) -> calls.add(new long[] {done, reportedTotal}));
    assertTrue(calls.size() >= 3, "calls: " + calls.size());
    long previous = 0;
    for (int i = 0; i < calls.size(); i++) {
      long[] call = calls.get(i);
      assertEquals(total, call[1]);
      assertTrue(call[0] >= previous);
      if (i > 0 && i < calls.size() - 1) assertTrue(call[0] - previous >= 1 << 20, "reported too often");
      previous = call[0];
    }
    assertEquals(total, calls.get(calls.size() - 1)[0]);
  }

  @Test
  void progressOfAnUnknownTotalStillEndsWithTheBytesRead() throws IOException {
    List<long[]> calls = new ArrayList<>();
    Corpus.of("-").withStdin(new ByteArrayInputStream(utf8("abc\n")))
        .read(document -> {}, (done, total) -> calls.add(new long[] {done, total}));
    assertEquals(1, calls.size());
    assertEquals(4, calls.get(0)[0]);
    assertEquals(-1, calls.get(0)[1]);
  }

  private static InputStream open(List<String> opened, String name, String content) {
    opened.add(name);
    return new ByteArrayInputStream(utf8(content));
  }
}
