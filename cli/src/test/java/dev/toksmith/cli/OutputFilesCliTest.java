package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.cli.CliTest.Result;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output files as a Unix tool writes them: {@code -o -} is standard output, a symbolic link is written
 * through, a FIFO directly, a missing directory is an error before any work, and a failed run leaves
 * neither a file nor a temporary one.
 */
class OutputFilesCliTest {
  @TempDir static Path dir;
  static Path corpus;
  static byte[] converted;

  @BeforeAll
  static void convertOnce() throws Exception {
    corpus = Files.writeString(dir.resolve("corpus.txt"), "the cat sat on the mat\nthe dog sat on the log\n".repeat(20));
    Path file = dir.resolve("r50k.json");
    Result r = CliTest.run("convert", "-t", "r50k_base", "-o", file.toString());
    assertEquals(0, r.code(), r.err());
    converted = Files.readAllBytes(file);
  }

  @Test
  void dashIsStandardOutputForEverySingleFileOutput() throws Exception {
    Result convert = CliTest.run("convert", "-t", "r50k_base", "-o", "-");
    assertEquals(0, convert.code(), convert.err());
    assertArrayEquals(converted, convert.out());
    assertEquals("wrote standard output (50257 tokens)\n", convert.err());

    Result train = CliTest.run("train", "--vocab-size", "270", "-o", "-", corpus.toString());
    assertEquals(0, train.code(), train.err());
    assertEquals(270, Tokenizers.load(new java.io.ByteArrayInputStream(train.out()), "stdout").vocabSize());
    assertTrue(train.err().endsWith("wrote standard output\n"), train.err());

    Path json = Files.write(dir.resolve("small.json"), train.out());
    Result lm = CliTest.run("lm", "train", "-t", json.toString(), "--order", "2", "-o", "-", corpus.toString());
    assertEquals(0, lm.code(), lm.err());
    Path model = Files.write(dir.resolve("small.lm"), lm.out());
    Result next = CliTest.run("lm", "next", "-m", model.toString(), "--prompt", "the ", "--top", "1");
    assertEquals(0, next.code(), next.err());

    Result merged = CliTest.run("antidisestablishmentarianism\nantidisestablishmentarianism\n".getBytes(StandardCharsets.UTF_8), "merge", "-t", "r50k_base", "--batch-size", "2", "--merges", "1",
        "-o", dir.resolve("merged.txt").toString(), "--vocab-out", "-");
    assertEquals(0, merged.code(), merged.err());
    assertTrue(merged.outText().startsWith("{\"batch\":0,"), merged.outText());
    assertTrue(Files.readString(dir.resolve("merged.txt")).lines().count() == 2);

    Result compared = CliTest.run("compare", "-t", "r50k_base", "--chart", "-", "-o", dir.resolve("report.txt").toString(), corpus.toString());
    assertEquals(0, compared.code(), compared.err());
    assertTrue(compared.outText().startsWith("<?xml") && compared.outText().contains("<svg "), compared.outText());
    assertTrue(Files.readString(dir.resolve("report.txt")).startsWith("Datasets\n"));
  }

  @Test
  void encodeAndDecodeWriteWhereDashOSays() throws Exception {
    byte[] text = "Hello, world!\nsecond line\n".getBytes(StandardCharsets.UTF_8);
    Path ids = dir.resolve("ids.txt");
    Result encoded = CliTest.run(text, "encode", "-t", "r50k_base", "-o", ids.toString());
    assertEquals(0, encoded.code(), encoded.err());
    assertEquals("", encoded.outText());
    assertEquals(CliTest.run(text, "encode", "-t", "r50k_base", "-o", "-").outText(), Files.readString(ids));
    Path back = dir.resolve("back.txt");
    Result decoded = CliTest.run("decode", "-t", "r50k_base", "-o", back.toString(), ids.toString());
    assertEquals(0, decoded.code(), decoded.err());
    assertArrayEquals(text, Files.readAllBytes(back));
  }

  @Test
  void aSymbolicLinkIsWrittenThrough() throws Exception {
    Path real = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
    Result r = CliTest.run("convert", "-t", "r50k_base", "-o", link.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isSymbolicLink(link), "the link stays a link");
    assertArrayEquals(converted, Files.readAllBytes(real));

    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), Path.of("made", "new.json"));
    Files.createDirectories(dir.resolve("made"));
    Result created = CliTest.run("convert", "-t", "r50k_base", "-o", dangling.toString());
    assertEquals(0, created.code(), created.err());
    assertTrue(Files.isSymbolicLink(dangling));
    assertArrayEquals(converted, Files.readAllBytes(dir.resolve("made/new.json")));
    assertNoTemporaryFiles();
  }

  /** A FIFO (what /dev/stdout leads to in a pipeline), here through a link as /dev/stdout is one, is written directly, never replaced. */
  @Test
  void aFifoIsWrittenDirectly() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no mkfifo");
      return;
    }
    assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    Path link = Files.createSymbolicLink(dir.resolve("stdout-like"), fifo);
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return in.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Result r = CliTest.run("convert", "-t", "r50k_base", "-o", link.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(converted, read.get(60, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "still a FIFO");
    assertTrue(Files.isSymbolicLink(link));
  }

  /** A missing directory is an error, found before any input is read: the run ends at once, writing nothing. */
  @Test
  void aMissingDirectoryIsAnErrorBeforeAnyWork() throws Exception {
    Path missing = dir.resolve("no-such-dir/out.json");
    InputStream untouchable = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read input before finding the output cannot be written");
      }
    };
    String expected = "toksmith: no such file or directory: " + missing.getParent() + " (the directory to write " + missing + " in)\n";
    for (String[] command : new String[][] {
      {"train", "--vocab-size", "300", "-o", missing.toString(), "-"},
      {"lm", "train", "-t", "r50k_base", "-o", missing.toString(), "-"},
      {"encode", "-t", "r50k_base", "-o", missing.toString()},
      {"merge", "-t", "r50k_base", "--batch-size", "2", "--merges", "1", "--vocab-out", missing.toString()},
    }) {
      Result r = CliTest.run(untouchable, new ByteArrayOutputStream(), command);
      assertEquals(1, r.code(), String.join(" ", command) + ": " + r.err());
      assertEquals(expected, r.err());
    }
    assertFalse(Files.exists(missing.getParent()), "no directory is created");
  }

  @Test
  void outputsThatCannotBeAreRefused() throws Exception {
    Result twice = CliTest.run("merge", "-t", "r50k_base", "--batch-size", "2", "--merges", "1", "--vocab-out", "-");
    assertEquals(2, twice.code());
    assertTrue(twice.err().startsWith("toksmith: --output and --vocab-out cannot both write to standard output (-)"), twice.err());
    Result chart = CliTest.run("compare", "-t", "r50k_base", "--chart", "-", corpus.toString());
    assertEquals(2, chart.code());
    assertTrue(chart.err().startsWith("toksmith: --output and --chart cannot both write to standard output (-)"), chart.err());
    Result glyphs = CliTest.run("glyphs", "-t", "unicode", "-o", "-");
    assertEquals(2, glyphs.code());
    assertTrue(glyphs.err().startsWith("toksmith: -o - : the embeddings are two files"), glyphs.err());
    Result directory = CliTest.run("convert", "-t", "r50k_base", "-o", dir.toString());
    assertEquals(1, directory.code());
    assertEquals("toksmith: " + dir + ": a directory, not a file to write\n", directory.err());
  }

  /** A run that fails midway leaves neither the output nor a temporary file, and an existing output as it was. */
  @Test
  void aFailedRunLeavesNoFile() throws Exception {
    Path out = Files.writeString(dir.resolve("kept.txt"), "before");
    byte[] badLine = {'o', 'k', '\n', (byte) 0xFF, '\n'};
    Result r = CliTest.run(badLine, "encode", "-t", "r50k_base", "--format", "jsonl", "-o", out.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("stdin:2: invalid UTF-8"), r.err());
    assertEquals("before", Files.readString(out));
    assertNoTemporaryFiles();
  }

  private static void assertNoTemporaryFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> left = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
      assertEquals(List.of(), left);
    }
  }
}
