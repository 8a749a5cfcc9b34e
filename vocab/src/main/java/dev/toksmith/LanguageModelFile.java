package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.concurrent.Alongside;
import dev.toksmith.core.corpus.InputFiles;
import dev.toksmith.core.lm.KneserNeyModel.ContextCounts;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import dev.toksmith.vocab.io.AtomicFile;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * toksmith's token n-gram model file: gzip of a binary body with the tokenizer (a built-in name, or
 * its tokenizer.json embedded), the order, the discounts, whether non-canonical continuations are
 * masked, and per order the contexts with their successors and counts as variable-length integers
 * (successors delta-coded, sorted). A few bytes per n-gram. Written whole or not at all, as every
 * file the library writes.
 *
 * <pre>{@code
 * LanguageModelFile.save(model, "gpt2", Path.of("english.lm"));                   // an NgramModel over gpt2
 * NgramModel lm = LanguageModelFile.load(Path.of("english.lm")).model();           // with its tokenizer
 * }</pre>
 */
public final class LanguageModelFile {
  private static final byte[] MAGIC = "toksmith-lm\n".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  /**
   * A loaded model, with the tokenizer it was trained with ({@link NgramModel#tokenizer()}), and the
   * spec that tokenizer was saved under: a built-in name, or the spec it was trained with for an
   * embedded tokenizer.json.
   */
  public record Loaded(NgramModel model, String tokenizerName) {}

  private LanguageModelFile() {}

  /**
   * Writes {@code model} and its tokenizer to {@code file} through a temporary file and a rename.
   *
   * @param tokenizerSpec the spec the model's tokenizer was loaded with: built-in names are stored by
   *     name, anything else as its tokenizer.json
   */
  public static void save(NgramModel model, String tokenizerSpec, Path file) throws IOException {
    AtomicFile.write(file, out -> write(model, tokenizerSpec, out));
  }

  /** Writes the file's bytes to {@code out}. */
  public static void write(NgramModel ngram, String tokenizerSpec, OutputStream out) throws IOException {
    KneserNeyModel model = ngram.counts();
    Tokenizer tokenizer = ngram.tokenizer();
    GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
    DataOutputStream data = new DataOutputStream(gzip);
    data.write(MAGIC);
    data.writeInt(VERSION);
    if (Tokenizers.builtInNames().contains(tokenizerSpec)) {
      data.writeByte('B');
      data.writeUTF(tokenizerSpec);
    } else {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      Tokenizers.write(tokenizer, json);
      data.writeByte('J');
      data.writeUTF(tokenizerSpec);
      writeVarint(data, json.size());
      json.writeTo(data);
    }
    writeVarint(data, model.order());
    writeVarint(data, model.vocabSize());
    data.writeBoolean(model.masksInvalid());
    for (double d : model.discounts()) data.writeDouble(d);
    for (List<ContextCounts> level : model.levels()) {
      writeVarint(data, level.size());
      for (ContextCounts counts : level) {
        for (int id : counts.context()) writeVarint(data, id);
        writeVarint(data, counts.words().length);
        int previous = 0;
        for (int i = 0; i < counts.words().length; i++) {
          writeVarint(data, counts.words()[i] - previous);
          previous = counts.words()[i];
          writeVarint(data, counts.counts()[i]);
        }
      }
    }
    data.flush();
    gzip.finish();
  }

  /**
   * Loads a model file.
   *
   * @throws TokenizerFormatException if the file is not a toksmith model; the message names it
   */
  public static Loaded load(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(InputFiles.open(file), 1 << 16)) {
      return read(in, file.toString());
    }
  }

  /** The highest order a file may give: far more than anyone trains, few enough to keep a bad file cheap. */
  private static final int MAX_ORDER = 32;

  /**
   * Reads a model from {@code in}; {@code name} appears in error messages. Every number is checked before
   * anything is sized by it, and arrays grow only as their data arrives, so a small bad file is refused
   * quickly.
   */
  public static Loaded read(InputStream in, String name) throws IOException {
    try {
      // Buffered after the inflater: the counts are read a byte at a time, and each read of the
      // inflater itself would be a call into zlib.
      DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
      byte[] magic = new byte[MAGIC.length];
      data.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) throw new TokenizerFormatException(name + ": not a toksmith language model");
      int version = data.readInt();
      if (version != VERSION) throw new TokenizerFormatException(name + ": language model format version " + version + " is not supported");
      int kind = data.readByte();
      String tokenizerName = data.readUTF();
      Tokenizer tokenizer;
      if (kind == 'B') {
        // Only a built-in name: a file must not make toksmith read some other path.
        if (!Tokenizers.builtInNames().contains(tokenizerName)) {
          throw new TokenizerFormatException(name + ": " + Excerpt.quote(tokenizerName) + " is not a built-in tokenizer");
        }
        tokenizer = Tokenizers.load(tokenizerName);
      } else if (kind == 'J') {
        int length = readVarint(data);
        byte[] json = data.readNBytes(length);
        if (json.length < length) throw new EOFException();
        tokenizer = Tokenizers.load(new ByteArrayInputStream(json), name + " (embedded tokenizer)");
      } else {
        throw new TokenizerFormatException(name + ": unknown tokenizer kind " + kind);
      }
      // The tokenizer's byte view (merge trees, canonicality tables) builds on another core while the counts are read.
      Tokenizer loadedTokenizer = tokenizer;
      Alongside.Started<TokenBytes, RuntimeException> byteView = Alongside.start(() -> TokenBytes.of(loadedTokenizer));
      int order = readVarint(data);
      if (order < 1 || order > MAX_ORDER) throw new TokenizerFormatException(name + ": order " + order + " is not between 1 and " + MAX_ORDER);
      int vocabSize = readVarint(data);
      // The tokenizer's ids and end-of-text, as training makes it.
      if (vocabSize != tokenizer.idBound() + 1) {
        throw new TokenizerFormatException(name + ": the model scores " + vocabSize + " ids, but its tokenizer has " + tokenizer.idBound() + " ids and end-of-text");
      }
      boolean masked = data.readBoolean();
      double[] discounts = new double[order];
      for (int i = 0; i < order; i++) {
        discounts[i] = data.readDouble();
        if (!(discounts[i] >= 0 && discounts[i] < 1)) throw new TokenizerFormatException(name + ": discount " + discounts[i] + " is not in [0, 1)");
      }
      List<List<ContextCounts>> levels = new ArrayList<>();
      for (int n = 1; n <= order; n++) levels.add(readLevel(data, n, vocabSize, name));
      TokenBytes tokens = byteView.join();
      return new Loaded(new NgramModel(new KneserNeyModel(order, vocabSize, discounts, levels, masked ? tokens : null), tokenizer, tokens), tokenizerName);
    } catch (EOFException | java.util.zip.ZipException e) {
      throw new TokenizerFormatException(name + ": not a toksmith language model (truncated or not gzip)", e);
    } catch (MalformedNumberException e) {
      throw new TokenizerFormatException(name + ": " + e.getMessage(), e);
    }
  }

  /** The contexts of the n-grams of one order: ids below {@code vocabSize}, successors ascending, counts positive. */
  private static List<ContextCounts> readLevel(DataInputStream data, int n, int vocabSize, String name) throws IOException {
    int contexts = readVarint(data);
    List<ContextCounts> level = new ArrayList<>();
    for (int c = 0; c < contexts; c++) {
      int[] context = new int[n - 1];
      for (int i = 0; i < context.length; i++) context[i] = id(readVarint(data), vocabSize, name);
      int entries = readVarint(data);
      IntArrayList words = new IntArrayList();
      IntArrayList counts = new IntArrayList();
      long previous = -1;
      for (int i = 0; i < entries; i++) {
        long word = Math.max(previous, 0) + readVarint(data);
        if (word <= previous) throw new TokenizerFormatException(name + ": the successors of a context are not ascending");
        words.add(id(word, vocabSize, name));
        int count = readVarint(data);
        if (count < 1) throw new TokenizerFormatException(name + ": a count of " + count);
        counts.add(count);
        previous = word;
      }
      level.add(new ContextCounts(context, words.toIntArray(), counts.toIntArray()));
    }
    return level;
  }

  private static int id(long id, int vocabSize, String name) throws TokenizerFormatException {
    if (id < 0 || id >= vocabSize) throw new TokenizerFormatException(name + ": id " + id + " is outside the model's " + vocabSize + " ids");
    return (int) id;
  }

  private static void writeVarint(DataOutputStream out, int value) throws IOException {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  /** A non-negative int as {@link #writeVarint} writes it; anything larger or longer is malformed. */
  private static int readVarint(DataInputStream in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value > Integer.MAX_VALUE) break;
        return (int) value;
      }
    }
    throw new MalformedNumberException();
  }

  /** A variable-length integer that is not one; {@link #read} names the file. */
  private static final class MalformedNumberException extends IOException {
    MalformedNumberException() {
      super("malformed variable-length integer", null);
    }
  }
}
