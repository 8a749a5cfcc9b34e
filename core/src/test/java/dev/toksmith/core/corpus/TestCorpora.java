package dev.toksmith.core.corpus;

import dev.toksmith.api.DocumentSource;
import dev.toksmith.api.ReadProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Builds corpus files, compressed and archived with Commons Compress, and reads corpora back. */
public final class TestCorpora {

  private TestCorpora() {}

  public static List<String> documents(DocumentSource corpus) throws IOException {
    List<String> documents = new ArrayList<>();
    corpus.read(documents::add, ReadProgress.NONE);
    return documents;
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static Path write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, content);
  }

  public static Path write(Path file, String content) throws IOException {
    return write(file, utf8(content));
  }

  @FunctionalInterface
  public interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  public static byte[] compress(byte[] content, Compressor compressor) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor.wrap(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] content) throws IOException {
    return compress(content, GzipCompressorOutputStream::new);
  }

  public static byte[] bzip2(byte[] content) throws IOException {
    return compress(content, BZip2CompressorOutputStream::new);
  }

  public static byte[] xz(byte[] content) throws IOException {
    return compress(content, XZCompressorOutputStream::new);
  }

  /** A tar of {@code entries} in their iteration order; a name ending in "/" makes a directory. */
  public static byte[] tar(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
        header.setSize(entry.getValue().length);
        tar.putArchiveEntry(header);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A zip of {@code entries} in their iteration order; a name ending in "/" makes a directory. */
  public static byte[] zip(Map<String, byte[]> entries, int method) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        ZipArchiveEntry header = new ZipArchiveEntry(entry.getKey());
        header.setMethod(method);
        if (method == ZipArchiveEntry.STORED) {
          CRC32 crc = new CRC32();
          crc.update(entry.getValue());
          header.setSize(entry.getValue().length);
          header.setCrc(crc.getValue());
        }
        zip.putArchiveEntry(header);
        zip.write(entry.getValue());
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * About {@code size} bytes of random lines: ASCII words and punctuation, spaces, tabs, CR, empty
   * lines, accented and combining letters, CJK, emoji, no-break and other spaces, a byte order mark,
   * and now and then an invalid UTF-8 sequence; ending with a newline or not.
   */
  public static byte[] randomLines(Random random, int size, boolean endWithNewline) {
    String[] pieces = {"word", " ", "\t", "\r", "\n", "\n\n", "\u00e9t\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "e\u0301", "\u00a0", "\u3000", "\ufeff", "\u2028", "!?", "_9"};
    byte[][] invalid = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 16);
    while (out.size() < size) {
      if (random.nextInt(5000) == 0) {
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
      } else {
        out.writeBytes(utf8(pieces[random.nextInt(pieces.length)]));
      }
    }
    byte[] text = out.toByteArray();
    if (endWithNewline) text[text.length - 1] = '\n';
    else if (text[text.length - 1] == '\n') text[text.length - 1] = 'x';
    return text;
  }
}
