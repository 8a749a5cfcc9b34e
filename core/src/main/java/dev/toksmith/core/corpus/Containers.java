package dev.toksmith.core.corpus;

import dev.toksmith.api.CorpusException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZUtils;

/**
 * Unwraps compression and archives, recognized by their content (magic bytes), never by file name,
 * down to the text streams inside.
 *
 * <ul>
 *   <li>gzip (also several members concatenated), bzip2 (also concatenated streams) and xz are
 *       decompressed; xz needs the optional {@code org.tukaani:xz} library on the class path.
 *   <li>tar and zip yield every regular-file entry in archive order. Directories, links and devices
 *       are skipped. Entry names are normalised first: backslashes read as slashes, empty and
 *       {@code .} components dropped, {@code ..} taking back the component before it (and nothing at
 *       the top), so {@code a/../b.txt} is {@code b.txt} and {@code c/./d.txt} is {@code c/d.txt}.
 *       Entries with a component that starts with {@code "."} are hidden and skipped, which drops
 *       macOS junk such as {@code __MACOSX/._notes.txt}. Entries are named {@code
 *       archive.tar.gz!inner/file.txt}, by the normalised name.
 *   <li>What comes out of one layer is examined again, so a gzip-compressed tar entry or a tar.xz
 *       unwraps completely.
 * </ul>
 */
public final class Containers {

  /** Receives one text stream; must not close it. */
  @FunctionalInterface
  public interface TextHandler {
    void text(String name, InputStream in) throws IOException;
  }

  private enum Format {
    GZIP("gzip data"),
    BZIP2("bzip2 data"),
    XZ("xz data"),
    ZSTD("zstd data"),
    TAR("tar archive"),
    ZIP("zip archive"),
    TEXT("text");

    final String description;

    Format(String description) {
      this.description = description;
    }
  }

  private static final int BUFFER_BYTES = 1 << 16;
  /** Enough to see a tar header, whose magic sits at offset 257. */
  public static final int HEAD_BYTES = 512;
  private static final int TAR_MAGIC_OFFSET = 257;

  private Containers() {}

  /** Hands each text stream inside {@code in} to {@code handler}; does not close {@code in}. */
  public static void forEachText(InputStream in, String name, TextHandler handler) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(new NonClosing(in), BUFFER_BYTES);
    Format format = detect(buffered);
    switch (format) {
      case GZIP, BZIP2, XZ -> {
        try (InputStream decompressed = decompress(format, buffered, name)) {
          forEachText(decompressed, name, handler);
        }
      }
      case ZSTD -> throw new CorpusException(name + ": zstd-compressed input is not supported; decompress it first");
      case TAR -> {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(buffered, StandardCharsets.UTF_8.name())) {
          forEachEntry(tar, format, name, handler);
        }
      }
      case ZIP -> {
        // Stored entries with a data descriptor are legal, and common from streaming zip writers.
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(buffered, StandardCharsets.UTF_8.name(), true, true)) {
          forEachEntry(zip, format, name, handler);
        }
      }
      case TEXT -> handler.text(name, buffered);
    }
  }

  /**
   * Whether a stream that starts with {@code head[0, n)} (its first 512 bytes, or all of a shorter
   * one) is read as plain text, neither compressed nor an archive; such a stream can be cut at line
   * ends and its parts read apart.
   */
  public static boolean isText(byte[] head, int n) throws IOException {
    return detect(new BufferedInputStream(new java.io.ByteArrayInputStream(head, 0, n))) == Format.TEXT;
  }

  private static Format detect(BufferedInputStream in) throws IOException {
    byte[] head = new byte[HEAD_BYTES];
    in.mark(HEAD_BYTES);
    int n = in.readNBytes(head, 0, HEAD_BYTES);
    in.reset();
    if (startsWith(head, n, 0x1F, 0x8B, 0x08)) return Format.GZIP;
    if (isBzip2(head, n)) return Format.BZIP2;
    if (startsWith(head, n, 0xFD, '7', 'z', 'X', 'Z', 0x00)) return Format.XZ;
    if (startsWith(head, n, 0x28, 0xB5, 0x2F, 0xFD)) return Format.ZSTD;
    // Every zip signature starts "PK" and every tar magic "ustar" at offset 257: asked first, so that
    // plain text never loads and initialises the archive classes (2-3 ms at start-up).
    if (startsWith(head, n, 'P', 'K') && ZipArchiveInputStream.matches(head, n)) return Format.ZIP;
    if (n > TAR_MAGIC_OFFSET + 5 && matchesAt(head, TAR_MAGIC_OFFSET, 'u', 's', 't', 'a', 'r') && TarArchiveInputStream.matches(head, n)) return Format.TAR;
    return Format.TEXT;
  }

  /** "BZh", a block size digit, then the magic of a first block or of the end of an empty stream. */
  private static boolean isBzip2(byte[] head, int n) {
    return startsWith(head, n, 'B', 'Z', 'h')
        && n >= 10
        && head[3] >= '1'
        && head[3] <= '9'
        && (matchesAt(head, 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59) || matchesAt(head, 4, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90));
  }

  private static boolean startsWith(byte[] head, int n, int... magic) {
    return n >= magic.length && matchesAt(head, 0, magic);
  }

  private static boolean matchesAt(byte[] head, int offset, int... magic) {
    for (int i = 0; i < magic.length; i++) {
      if ((head[offset + i] & 0xFF) != magic[i]) return false;
    }
    return true;
  }

  private static InputStream decompress(Format format, InputStream in, String name) throws IOException {
    if (format == Format.XZ && !XZUtils.isXZCompressionAvailable()) {
      throw new CorpusException(name + ": reading xz input needs the org.tukaani:xz library on the class path");
    }
    // The constructors read the stream header, so they can fail on corrupt data too.
    InputStream decompressed = Failures.guard(name, format.description, () -> switch (format) {
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
      default -> throw new IllegalArgumentException(format + " is not a compression");
    });
    return new Guarded(decompressed, name, format.description);
  }

  private static void forEachEntry(ArchiveInputStream<?> archive, Format format, String name, TextHandler handler)
      throws IOException {
    while (true) {
      ArchiveEntry entry = Failures.guard(name, format.description, archive::getNextEntry);
      if (entry == null) return;
      String normalized = normalize(entry.getName());
      if (!isRegularFile(entry) || normalized.isEmpty() || isHidden(normalized)) continue;
      String entryName = name + "!" + normalized;
      if (!archive.canReadEntryData(entry)) {
        throw new CorpusException(entryName + ": cannot read this entry (" + unreadableReason(entry) + ")");
      }
      forEachText(new Guarded(archive, entryName, format.description), entryName, handler);
    }
  }

  private static boolean isRegularFile(ArchiveEntry entry) {
    if (entry instanceof TarArchiveEntry tar) {
      // TarArchiveEntry.isFile() is also true for links and devices.
      return tar.isFile() && !tar.isSymbolicLink() && !tar.isLink() && !tar.isCharacterDevice()
          && !tar.isBlockDevice() && !tar.isFIFO();
    }
    if (entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink()) return false;
    return !entry.isDirectory();
  }

  /**
   * An entry name with backslashes as slashes, without empty or {@code .} components, and with each
   * {@code ..} taking back the component before it (at the top it is dropped).
   */
  static String normalize(String entryName) {
    java.util.ArrayDeque<String> components = new java.util.ArrayDeque<>();
    for (String component : entryName.replace('\\', '/').split("/")) {
      if (component.isEmpty() || component.equals(".")) continue;
      if (component.equals("..")) {
        components.pollLast();
      } else {
        components.addLast(component);
      }
    }
    return String.join("/", components);
  }

  /** Whether a normalised entry name is hidden: one of its components starts with ".". */
  private static boolean isHidden(String normalized) {
    return normalized.startsWith(".") || normalized.contains("/.");
  }

  private static String unreadableReason(ArchiveEntry entry) {
    if (entry instanceof ZipArchiveEntry zip) {
      if (zip.getGeneralPurposeBit().usesEncryption()) return "encrypted";
      return "unsupported zip compression method " + zip.getMethod();
    }
    return "unsupported entry type";
  }

  /** Lets the layers above close without closing the stream that the caller owns. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /**
   * Turns failures while reading decompressed or unpacked data into one-line {@link CorpusException}s
   * that name the input; a {@link CorpusException} from below, which already names its input, passes.
   */
  private static final class Guarded extends FilterInputStream {
    private final String name;
    private final String description;

    Guarded(InputStream in, String name, String description) {
      super(in);
      this.name = name;
      this.description = description;
    }

    @Override
    public int read() throws IOException {
      return Failures.guard(name, description, in::read);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return Failures.guard(name, description, () -> in.read(b, off, len));
    }

    @Override
    public long skip(long n) throws IOException {
      return Failures.guard(name, description, () -> in.skip(n));
    }

    /** Guarded too: xz's streams throw a failure they met again from here (BufferedInputStream asks). */
    @Override
    public int available() throws IOException {
      return Failures.guard(name, description, in::available);
    }
  }
}
