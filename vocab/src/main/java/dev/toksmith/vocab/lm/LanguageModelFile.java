package dev.toksmith.vocab.lm;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.KneserNeyModel.ContextCounts;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.vocab.TokenizerFormatException;
import dev.toksmith.vocab.Tokenizers;
import dev.toksmith.vocab.io.AtomicFile;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * toksmith's token n-gram model file: gzip of a binary body with the tokenizer (a built-in name, or
 * its tokenizer.json embedded), the order, the discounts, whether non-canonical continuations are
 * masked, and per order the contexts with their successors and counts as variable-length integers
 * (successors delta-coded, sorted). A few bytes per n-gram.
 */
public final class LanguageModelFile {
  private static final byte[] MAGIC = "toksmith-lm\n".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  /**
   * A loaded model with the tokenizer it was trained with and that tokenizer's byte view; a masked
   * model masks with that same view, so its canonicality checks are cached once for both.
   */
  public record Loaded(KneserNeyModel model, Tokenizer tokenizer, TokenBytes tokens, String tokenizerName) {}

  private LanguageModelFile() {}

  /**
   * Writes {@code model} and its tokenizer to {@code file} through a temporary file and a rename.
   *
   * @param tokenizerSpec the spec the tokenizer was loaded with: built-in names are stored by name,
   *     anything else as its tokenizer.json
   */
  public static void save(KneserNeyModel model, Tokenizer tokenizer, String tokenizerSpec, Path file) throws IOException {
    AtomicFile.write(file, out -> write(model, tokenizer, tokenizerSpec, out));
  }

  /** Writes the file's bytes to {@code out}. */
  public static void write(KneserNeyModel model, Tokenizer tokenizer, String tokenizerSpec, OutputStream out) throws IOException {
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
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString());
    }
  }

  /** Reads a model from {@code in}; {@code name} appears in error messages. */
  public static Loaded read(InputStream in, String name) throws IOException {
    try {
      DataInputStream data = new DataInputStream(new GZIPInputStream(in, 1 << 16));
      byte[] magic = new byte[MAGIC.length];
      data.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) throw new TokenizerFormatException(name + ": not a toksmith language model");
      int version = data.readInt();
      if (version != VERSION) throw new TokenizerFormatException(name + ": language model format version " + version + " is not supported");
      int kind = data.readByte();
      String tokenizerName = data.readUTF();
      Tokenizer tokenizer;
      if (kind == 'B') {
        tokenizer = Tokenizers.load(tokenizerName);
      } else {
        byte[] json = new byte[readVarint(data)];
        data.readFully(json);
        tokenizer = Tokenizers.load(new ByteArrayInputStream(json), name + " (embedded tokenizer)");
      }
      // The tokenizer's byte view (merge trees, canonicality tables) builds on another core while the counts are read.
      Tokenizer loadedTokenizer = tokenizer;
      CompletableFuture<TokenBytes> byteView = CompletableFuture.supplyAsync(() -> TokenBytes.of(loadedTokenizer));
      int order = readVarint(data);
      int vocabSize = readVarint(data);
      boolean masked = data.readBoolean();
      double[] discounts = new double[order];
      for (int i = 0; i < order; i++) discounts[i] = data.readDouble();
      List<List<ContextCounts>> levels = new ArrayList<>();
      for (int n = 1; n <= order; n++) {
        int contexts = readVarint(data);
        List<ContextCounts> level = new ArrayList<>(contexts);
        for (int c = 0; c < contexts; c++) {
          int[] context = new int[n - 1];
          for (int i = 0; i < context.length; i++) context[i] = readVarint(data);
          int entries = readVarint(data);
          int[] words = new int[entries];
          int[] counts = new int[entries];
          int previous = 0;
          for (int i = 0; i < entries; i++) {
            words[i] = previous + readVarint(data);
            previous = words[i];
            counts[i] = readVarint(data);
          }
          level.add(new ContextCounts(context, words, counts));
        }
        levels.add(level);
      }
      TokenBytes tokens = join(byteView);
      return new Loaded(new KneserNeyModel(order, vocabSize, discounts, levels, masked ? tokens : null), tokenizer, tokens, tokenizerName);
    } catch (EOFException | java.util.zip.ZipException e) {
      throw new TokenizerFormatException(name + ": not a toksmith language model (truncated or not gzip)", e);
    }
  }

  /** The value of a finished computation, its unchecked exception rethrown as is. */
  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  private static void writeVarint(DataOutputStream out, int value) throws IOException {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  private static int readVarint(DataInputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return value;
    }
    throw new IOException("malformed variable-length integer");
  }
}
