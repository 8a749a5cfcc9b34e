package dev.toksmith.vocab.hf;

import dev.toksmith.core.concurrent.Alongside;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.bpe.BpeModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A large BPE tokenizer.json's heavy part kept in a cache directory, so that loading the same file again
 * skips reading the vocabulary and merges from the JSON, resolving every merge and, for a byte-level
 * model, making the byte-level engine's tables (most of loading o200k's or Llama 3's file): the tokens
 * and their ids with the vocabulary's lookup table, the merges as ids, and the engine's tables ({@link
 * BpeModel.Tables}, its token table's slots included) as arrays read in bulk: the two hash tables are
 * copied, not built by hashing every token again. The merge table is built again from the merges, and
 * only when a model needs it: its slots, 16 MB for o200k, cost a first load more to write than later
 * loads saved reading them. An entry is found by a checksum of the document's bytes and its length, never by the file's name, and is used
 * only when it proves to come from exactly these bytes; what the rest of the document says (normalizer,
 * pre-tokenizer, added tokens ...) is read from the document each time.
 *
 * <p>Never trusted blindly: an entry of another format version, a truncated or altered one (a CRC32C of
 * its contents closes it), one made from other bytes whose name collides (it carries the length and a
 * 128-bit hash of the document it was made from, checked against the document read), one whose field
 * positions do not hold the vocabulary and merges in this document, or whose arrays do not fit together,
 * is not used: the document is parsed as without a cache, and the entry written again. Entries are
 * written on another thread (the JVM's exit waits for it), to a temporary file that is renamed when
 * whole; failing to read or write the directory (missing, read-only, full) only means parsing. At most
 * {@link #MAX_ENTRIES} entries are kept: writing one removes the least recently used beyond that
 * (reading one marks it used).
 *
 * <p>The document's hash is not cryptographic (SHA-256 of a 15 MB file costs the quick compiler
 * 80-150 ms, about what the whole entry saves): four CRCs ({@link #hash}) tell documents apart by
 * accident, not a document built on purpose to collide with one loaded before.
 *
 * <p>Layout (little-endian): the magic {@code TKJC}; the format version; the document's length and
 * hash; where {@code model.vocab} and {@code model.merges} start and end in it; the number of tokens,
 * each token's length in UTF-16 units, their characters end to end, each token's id, whether the
 * vocabulary's lookup table follows (absent when a token is given twice) and if so its slots; the number of
 * merges and their (left, right, result) ids in rank order; whether the byte-level engine's tables
 * follow, and if so whether the merges are in rank order (the engine then runs on ranks), the 256 byte ids, the 65,536 byte-pair ranks, every token's bytes, each id's
 * byte length, and whether the slots of the engine's token table follow (its bytes-to-id hash table,
 * which loading then copies instead of hashing every token again), and those; a CRC32C of everything before it.
 */
final class CachedModel {
  /** The most entries a cache directory keeps. */
  static final int MAX_ENTRIES = 4;
  /** Entry files' names end so. */
  static final String EXTENSION = ".bpe";
  /** Entries being written are temporary files whose names end so, renamed when whole. */
  static final String TEMPORARY = ".tmp";

  private static final int MAGIC = 'T' | 'K' << 8 | 'J' << 16 | 'C' << 24;
  /**
   * Raised whenever what a cached entry stands for changes: its layout, the tables' layout, or the way a
   * document's vocabulary and merges are turned into ids (an entry must give exactly what parsing gives).
   */
  static final int FORMAT = 3;
  private static final int HEADER = 4 + 4 + 8 + 16 + 4 * 4;

  /** Entries being written, which the JVM's exit waits for (at most {@link #FINISH_MILLIS} each). */
  private static final Set<Thread> WRITING = ConcurrentHashMap.newKeySet();
  private static final long FINISH_MILLIS = 5000;
  private static final AtomicBoolean FINISHING_AT_EXIT = new AtomicBoolean();
  /** Temporary files older than this are left over from a JVM killed while writing, and removed. */
  private static final long STALE_MILLIS = 3_600_000;

  private final Path file;
  private final byte[] doc;
  private final int length;
  /** The document's hash, computed before an entry is read; null while {@link #hashing} computes it. */
  private long[] hash;
  /** The hash computed on another thread while a document without an entry is parsed, or null. */
  private final Alongside.Started<long[], RuntimeException> hashing;

  private CachedModel(Path dir, byte[] doc, int length) {
    this.doc = doc;
    this.length = length;
    CRC32C name = new CRC32C();
    name.update(doc, 0, length);
    // The checksum in eight hex digits (the bit above them keeps the leading zeros), then the length:
    // not String.format, whose Formatter a cold start would load and initialise for this one name.
    this.file = dir.resolve(Long.toHexString(name.getValue() | 1L << 32).substring(1) + "-" + Integer.toHexString(length) + EXTENSION);
    boolean found = Files.isRegularFile(file);
    this.hash = found ? hash(doc, length) : null;
    this.hashing = found ? null : Alongside.start(() -> hash(doc, length));
  }

  /** The entry of {@code doc[0, length)} in the directory {@code dir}, or null for a document too small to be worth one. */
  static CachedModel of(Path dir, byte[] doc, int length) {
    return dir == null || length < ModelBytes.MIN_BYTES ? null : new CachedModel(dir, doc, length);
  }

  /** Where this document's entry is. */
  Path file() {
    return file;
  }

  /**
   * The vocabulary and merges this document's entry holds, as {@link ModelBytes} would have read them
   * (with the engine's tables), or null when there is no usable entry.
   */
  ModelBytes read() {
    ModelBytes model;
    // Mapped rather than read into the heap: tens of megabytes that would only be copied into the tables.
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) return null;
      model = decode(channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN));
    } catch (IOException | RuntimeException | InternalError e) {
      // No entry, or a damaged one (BufferUnderflowException, a negative size ...) whose checksum held
      // anyway; InternalError: the file cut short by another program while mapped.
      return null;
    }
    if (model == null) return null;
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException | RuntimeException e) {
      // Only the order of pruning suffers.
    }
    return model;
  }

  private ModelBytes decode(ByteBuffer in) {
    int size = in.remaining();
    if (size < HEADER + 4) return null;
    CRC32C check = new CRC32C();
    check.update(in.duplicate().limit(size - 4));
    if (in.getInt(size - 4) != (int) check.getValue()) return null;
    in.limit(size - 4);
    long[] documentHash = documentHash();
    if (in.getInt() != MAGIC || in.getInt() != FORMAT || in.getLong() != length || in.getLong() != documentHash[0] || in.getLong() != documentHash[1]) return null;
    int vocabFrom = in.getInt();
    int vocabTo = in.getInt();
    int mergesFrom = in.getInt();
    int mergesTo = in.getInt();
    if (!encloses(vocabFrom, vocabTo, '{', '}') || !encloses(mergesFrom, mergesTo, '[', ']')) return null;
    if (vocabFrom < mergesFrom ? vocabTo > mergesFrom : mergesTo > vocabFrom) return null;
    int tokenCount = in.getInt();
    int[] tokenLengths = ints(in, tokenCount);
    char[] chars = new char[count(in.getInt(), in.remaining() / 2)];
    in.asCharBuffer().get(chars);
    in.position(in.position() + 2 * chars.length);
    int[] ids = ints(in, tokenCount);
    int[] lookup = in.get() != 0 ? ints(in, in.getInt()) : null;
    int[] triples = ints(in, 3 * in.getInt());
    int[] byteIds = null;
    int[] bytePairs = null;
    byte[] tokenBytes = null;
    int[] byteLengths = null;
    long[] tokenSlots = null;
    boolean rankOrdered = false;
    if (in.get() != 0) {
      rankOrdered = in.get() != 0;
      byteIds = ints(in, in.getInt());
      bytePairs = ints(in, in.getInt());
      tokenBytes = new byte[count(in.getInt(), in.remaining())];
      in.get(tokenBytes);
      byteLengths = ints(in, in.getInt());
      if (in.get() != 0) tokenSlots = longs(in, in.getInt());
    }
    if (in.hasRemaining()) return null;
    // The table is made on another thread while the rest of the document is read; the tokens' strings
    // only if something asks for them (encoding asks for none).
    Alongside.Started<Vocabulary, RuntimeException> vocabulary = Alongside.start(
        () -> lookup != null ? Vocabulary.ofChars(chars, tokenLengths, ids, lookup) : Vocabulary.ofChars(chars, tokenLengths, ids));
    BpeModel.Tables tables = byteIds == null ? null : new BpeModel.Tables(byteIds, bytePairs, tokenBytes, byteLengths, tokenSlots, rankOrdered);
    return ModelBytes.cached(doc, length, vocabulary, tokenCount, vocabFrom, vocabTo, BpeModel.Merges.ofTriples(triples), tables, mergesFrom, mergesTo);
  }

  private boolean encloses(int from, int to, char open, char close) {
    return from >= 0 && to - from >= 2 && to <= length && doc[from] == open && doc[to - 1] == close;
  }

  /** {@code n}, checked to be a count of at most {@code room} values. */
  private static int count(int n, int room) {
    if (n < 0 || n > room) throw new IllegalArgumentException("a count past the entry's end");
    return n;
  }

  private static int[] ints(ByteBuffer in, int n) {
    int[] values = new int[count(n, in.remaining() / 4)];
    in.asIntBuffer().get(values);
    in.position(in.position() + 4 * n);
    return values;
  }

  private static long[] longs(ByteBuffer in, int n) {
    long[] values = new long[count(n, in.remaining() / 8)];
    in.asLongBuffer().get(values);
    in.position(in.position() + 8 * n);
    return values;
  }

  /**
   * Writes this document's entry from what parsing it read ({@code read}) and the model made of that
   * ({@code model}), then prunes the directory, on another thread: the caller goes on with the model,
   * and the JVM's exit waits for the entry to be written. Failing to write is silent: the cache only
   * saves time.
   */
  void write(ModelBytes read, BpeModel model) {
    if (FINISHING_AT_EXIT.compareAndSet(false, true)) Runtime.getRuntime().addShutdownHook(new Thread(CachedModel::awaitWrites, "toksmith-cache-exit"));
    Thread writer = new Thread(() -> {
      try {
        writeNow(read, model);
      } finally {
        WRITING.remove(Thread.currentThread());
      }
    }, "toksmith-cache-write");
    writer.setDaemon(true);
    WRITING.add(writer);
    writer.start();
  }

  /** The document's hash (see {@link #hash}): the caller's, or the writer's after the caller started it. */
  private long[] documentHash() {
    if (hash == null) hash = hashing.join();
    return hash;
  }

  /** Waits for the entries being written. */
  static void awaitWrites() {
    for (Thread writer : WRITING) {
      try {
        writer.join(FINISH_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void writeNow(ModelBytes read, BpeModel model) {
    BpeModel.Tables tables = model.tables();
    BpeModel.Merges merges = (BpeModel.Merges) model.merges();
    ModelArrays arrays = read.arrays();
    int tokens = arrays.tokenCount;
    long chars = 0;
    for (int i = 0; i < tokens; i++) chars += arrays.tokens[i].length();
    // The vocabulary's lookup table refers to the tokens in the order read, unless one was given twice.
    int[] lookup = model.vocabulary().size() == tokens ? model.vocabulary().slots() : null;
    long size = HEADER + 4 + 4L * tokens + 4 + 2 * chars + 4L * tokens + 1 + (lookup != null ? 4 + 4L * lookup.length : 0) + 4 + 12L * merges.size() + 1 + 4;
    if (tables != null) size += 1 + 4 + 4L * tables.byteIds().length + 4 + 4L * tables.bytePairs().length + 4 + tables.tokenBytes().length + 4 + 4L * tables.tokenLengths().length + 1;
    if (tables != null && tables.tokenSlots() != null) size += 4 + 8L * tables.tokenSlots().length;
    if (size > Integer.MAX_VALUE - 8) return;
    ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    long[] documentHash = documentHash();
    out.putInt(MAGIC).putInt(FORMAT).putLong(length).putLong(documentHash[0]).putLong(documentHash[1]);
    for (int position : read.fieldPositions()) out.putInt(position);
    out.putInt(tokens);
    for (int i = 0; i < tokens; i++) out.putInt(arrays.tokens[i].length());
    out.putInt((int) chars);
    char[] text = new char[(int) chars];
    int at = 0;
    for (int i = 0; i < tokens; i++) {
      arrays.tokens[i].getChars(0, arrays.tokens[i].length(), text, at);
      at += arrays.tokens[i].length();
    }
    out.asCharBuffer().put(text);
    out.position(out.position() + 2 * text.length);
    for (int i = 0; i < tokens; i++) out.putInt(arrays.ids[i]);
    out.put((byte) (lookup != null ? 1 : 0));
    if (lookup != null) putInts(out, lookup);
    out.putInt(merges.size());
    merges.putTriples(out.asIntBuffer());
    out.position(out.position() + 12 * merges.size());
    out.put((byte) (tables != null ? 1 : 0));
    if (tables != null) {
      out.put((byte) (tables.rankOrdered() ? 1 : 0));
      putInts(out, tables.byteIds());
      putInts(out, tables.bytePairs());
      out.putInt(tables.tokenBytes().length).put(tables.tokenBytes());
      putInts(out, tables.tokenLengths());
      out.put((byte) (tables.tokenSlots() != null ? 1 : 0));
      if (tables.tokenSlots() != null) {
        out.putInt(tables.tokenSlots().length);
        out.asLongBuffer().put(tables.tokenSlots());
        out.position(out.position() + 8 * tables.tokenSlots().length);
      }
    }
    CRC32C check = new CRC32C();
    check.update(out.array(), 0, out.position());
    out.putInt((int) check.getValue());
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      // Not AtomicFile: its temporary files are removed at the JVM's exit, which waits for this one.
      tmp = Files.createTempFile(file.getParent(), ".entry", TEMPORARY);
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.flip();
        while (out.hasRemaining()) channel.write(out);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      prune(file.getParent());
    } catch (IOException | RuntimeException e) {
      // A read-only or full directory: loading works as without a cache.
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // Removed as stale by a later pruning.
        }
      }
    }
  }

  private static void putInts(ByteBuffer out, int[] values) {
    out.putInt(values.length);
    out.asIntBuffer().put(values);
    out.position(out.position() + 4 * values.length);
  }

  /**
   * Removes the least recently used entries beyond {@link #MAX_ENTRIES}, and temporary files left by a
   * JVM killed while writing one.
   */
  static void prune(Path dir) throws IOException {
    record Dated(Path file, FileTime used) {}
    List<Dated> entries = new ArrayList<>();
    long stale = System.currentTimeMillis() - STALE_MILLIS;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*{" + EXTENSION + "," + TEMPORARY + "}")) {
      for (Path f : files) {
        try {
          FileTime used = Files.getLastModifiedTime(f);
          if (!f.getFileName().toString().endsWith(TEMPORARY)) entries.add(new Dated(f, used));
          else if (used.toMillis() < stale) Files.deleteIfExists(f);
        } catch (IOException e) {
          // Gone already.
        }
      }
    }
    if (entries.size() <= MAX_ENTRIES) return;
    entries.sort(Comparator.comparing(Dated::used).reversed());
    for (int i = MAX_ENTRIES; i < entries.size(); i++) Files.deleteIfExists(entries.get(i).file());
  }

  /**
   * A 128-bit hash of {@code doc[0, length)}: CRC-32 and CRC-32C of the whole document, then CRC-32 of
   * its first half and CRC-32C of its second. Checksums the JVM computes with the processor's own
   * instructions, a few milliseconds for a 15 MB file even on the quick compiler, where a hash loop in
   * Java cost it tens of milliseconds.
   */
  static long[] hash(byte[] doc, int length) {
    int half = length / 2;
    return new long[] {crc32(doc, 0, length) << 32 | crc32c(doc, 0, length), crc32(doc, 0, half) << 32 | crc32c(doc, half, length)};
  }

  private static long crc32(byte[] doc, int from, int to) {
    CRC32 crc = new CRC32();
    crc.update(doc, from, to - from);
    return crc.getValue();
  }

  private static long crc32c(byte[] doc, int from, int to) {
    CRC32C crc = new CRC32C();
    crc.update(doc, from, to - from);
    return crc.getValue();
  }
}
