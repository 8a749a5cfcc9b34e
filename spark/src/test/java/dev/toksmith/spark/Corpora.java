package dev.toksmith.spark;

import dev.toksmith.samples.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small inputs in every format the job reads, made once per test run: plain text (one file larger
 * than a 1 MB split, lines ending in \r\n, a lone \r, invalid UTF-8, no final newline), gzip and zip,
 * a hidden file; and the fixtures make-fixtures.py wrote: JSON lines with blank lines and escapes, and
 * Parquet files (written by pyarrow) holding the same documents in several row groups.
 */
final class Corpora {
  /** Lines that the readers must keep exactly: CR LF, a lone CR, invalid UTF-8, a BOM, emoji, empty lines, no final newline. */
  static final byte[] CRAFTED = concat(
      "\uFEFFThe court held, in 1996, that the statute applies.\r\n".getBytes(StandardCharsets.UTF_8),
      "a lone\rcarriage return and  two spaces\n\n\n".getBytes(StandardCharsets.UTF_8),
      new byte[] {'b', 'a', 'd', ' ', (byte) 0xE2, (byte) 0x82, 'A', ' ', (byte) 0xFF, (byte) 0xC0, (byte) 0xAF, ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'},
      "emoji 😀👍🏽 and CJK 東京 and combining e\u0301\n".getBytes(StandardCharsets.UTF_8),
      "the last line has no newline".getBytes(StandardCharsets.UTF_8));

  /** Records in docs.jsonl, and Parquet rows (its records but the one with an unpaired surrogate, which UTF-8 cannot hold). */
  static final int JSONL_DOCUMENTS = 65;
  static final int PARQUET_DOCUMENTS = 64;

  private static Path root;

  private Corpora() {}

  /** The directory holding everything; made on first use. */
  static synchronized Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("toksmith-spark-corpora");
        root.toFile().deleteOnExit();
        make(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static Path text() {
    return root().resolve("text");
  }

  /** JSON lines with a "text" field, blank lines among them; made by make-fixtures.py, as the Parquet files. */
  static Path jsonl() {
    return fixture("docs.jsonl");
  }

  /** Two Parquet files (columns id, text) of several row groups, with a _SUCCESS file and a hidden file. */
  static Path parquet() {
    return fixture("parquet");
  }

  /** The Parquet files' documents as JSON lines (field text), for the command line. */
  static Path parquetAsJsonl() {
    return fixture("parquet-docs.jsonl");
  }

  private static Path fixture(String name) {
    try {
      return Path.of(Corpora.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void make(Path root) throws IOException {
    Path text = Files.createDirectories(root.resolve("text"));
    write(text.resolve("a/moby-dick.txt"), sample("moby-dick"));
    write(text.resolve("a/crafted.txt"), CRAFTED);
    ByteArrayOutputStream sotu = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(sotu)) {
      for (String name : List.of("sotu-1790-washington", "sotu-1862-lincoln")) gz.write(sample(name));
    }
    write(text.resolve("a-b/sotu.txt.gz"), sotu.toByteArray());
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      for (String name : List.of("udhr-amh", "udhr-arb", "us-constitution")) {
        out.putNextEntry(new ZipEntry(name + ".txt"));
        out.write(sample(name));
        out.closeEntry();
      }
    }
    write(text.resolve("b/samples.zip"), zip.toByteArray());
    write(text.resolve("b/.hidden.txt"), "never read\n".getBytes(StandardCharsets.UTF_8));

  }

  /** The bytes of a bundled sample. */
  static byte[] sample(String name) throws IOException {
    try (InputStream in = Samples.byName(name).open()) {
      return in.readAllBytes();
    }
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) out.writeBytes(part);
    return out.toByteArray();
  }
}
