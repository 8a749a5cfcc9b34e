package dev.toksmith.vocab.npy;

import dev.toksmith.api.WordPooledBatch;
import dev.toksmith.core.corpus.InputFiles;
import dev.toksmith.vocab.io.NamedOutputStream;
import dev.toksmith.vocab.io.TemporaryOutputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@link WordPooledBatch} as a directory of {@code .npy} files, one int32 array each, which
 * {@code numpy.load} reads directly:
 *
 * <ul>
 *   <li>{@code ids.npy}: {@code [texts, words, width]} unit, slot and pad ids;
 *   <li>{@code lengths.npy}: {@code [texts, words]} units per row;
 *   <li>{@code continuation.npy}: {@code [texts, words]} 1 where a row continues the previous row's word;
 *   <li>{@code mask.npy}: {@code [texts, words]} 1 for real rows, 0 for padding rows.
 * </ul>
 *
 * A directory rather than an {@code .npz}: plain {@code .npy} files need no zip reader and can be
 * memory-mapped ({@code np.load(path, mmap_mode="r")}).
 *
 * <pre>{@code
 * WordPooledArrays.write(pooled.encodeBatch(List.of("one text", "another")), Path.of("batch"));
 * WordPooledBatch back = WordPooledArrays.read(Path.of("batch"));
 * }</pre>
 */
public final class WordPooledArrays {
  /** The file names, in the order they are written. */
  public static final String IDS = "ids.npy";
  public static final String LENGTHS = "lengths.npy";
  public static final String CONTINUATION = "continuation.npy";
  public static final String MASK = "mask.npy";

  private WordPooledArrays() {}

  /**
   * Writes {@code batch} into the new directory {@code dir}: the files go to a temporary directory
   * beside it that is then renamed, so a failure never leaves a half-written directory behind.
   *
   * @throws FileAlreadyExistsException if {@code dir} exists
   * @throws java.nio.file.NoSuchFileException if the directory to create it in does not
   */
  public static void write(WordPooledBatch batch, Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(dir.toString());
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) throw new java.nio.file.NoSuchFileException(parent + " (the directory to write " + dir + " in)");
    Path tmp = TemporaryOutputs.createDirectory(absolute);
    try {
      int[] rows = {batch.texts(), batch.words()};
      write(tmp.resolve(IDS), dir.resolve(IDS), new int[] {batch.texts(), batch.words(), batch.width()}, batch.ids());
      write(tmp.resolve(LENGTHS), dir.resolve(LENGTHS), rows, batch.lengths());
      write(tmp.resolve(CONTINUATION), dir.resolve(CONTINUATION), rows, batch.continuation());
      write(tmp.resolve(MASK), dir.resolve(MASK), rows, batch.mask());
      TemporaryOutputs.commit(tmp, absolute);
    } finally {
      TemporaryOutputs.discard(tmp);
    }
  }

  /**
   * Reads a batch that {@link #write} (or NumPy code following the same layout) wrote.
   *
   * @throws IOException if a file is missing, not an int32 {@code .npy}, or the shapes disagree
   */
  public static WordPooledBatch read(Path dir) throws IOException {
    Npy.Array ids = read(dir, IDS);
    Npy.Array lengths = read(dir, LENGTHS);
    Npy.Array continuation = read(dir, CONTINUATION);
    Npy.Array mask = read(dir, MASK);
    if (ids.shape().length != 3) throw new IOException(dir.resolve(IDS) + ": shape " + Arrays.toString(ids.shape()) + " is not [texts, words, width]");
    int[] rows = {ids.shape()[0], ids.shape()[1]};
    for (Npy.Array a : new Npy.Array[] {lengths, continuation, mask}) {
      if (!Arrays.equals(a.shape(), rows)) {
        String name = a == lengths ? LENGTHS : a == continuation ? CONTINUATION : MASK;
        throw new IOException(dir.resolve(name) + ": shape " + Arrays.toString(a.shape()) + " does not match " + IDS + "'s [texts, words] " + Arrays.toString(rows));
      }
    }
    try {
      return new WordPooledBatch(rows[0], rows[1], ids.shape()[2], ids.ints(), lengths.ints(), continuation.ints(), mask.ints());
    } catch (IllegalArgumentException e) {
      throw new IOException(dir + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, Path shownAs, int[] shape, int[] data) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(new NamedOutputStream(Files.newOutputStream(file), shownAs.toString()), 1 << 16)) {
      Npy.writeInt32(out, shape, data);
    }
  }

  private static Npy.Array read(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    Npy.Array array;
    try (InputStream in = new java.io.BufferedInputStream(InputFiles.open(file), 1 << 16)) {
      array = Npy.read(in);
    } catch (IOException e) {
      if (e instanceof java.nio.file.NoSuchFileException) throw e;
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    if (array.type() != Npy.Type.INT32) throw new IOException(file + ": elements are float32, not int32");
    return array;
  }
}
