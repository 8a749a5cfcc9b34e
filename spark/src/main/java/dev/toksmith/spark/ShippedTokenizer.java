package dev.toksmith.spark;

import dev.toksmith.TokenizerSpec;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.cli.EncodingOptions;
import dev.toksmith.cli.TokenizerOption;
import dev.toksmith.vocab.io.TemporaryOutputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A tokenizer spec as {@code encode --tokenizer} takes it, made loadable on every executor: the
 * driver reads the files the spec names (a tokenizer.json, GPT-2's vocab.json and merges.txt, a
 * SentencePiece or tiktoken model; from any Hadoop file system), and each executor JVM writes them
 * under the same names into a temporary directory once, loads them as the command line does, and keeps
 * the tokenizer for all its tasks. The directory is one of the command line's temporary outputs
 * ({@link TemporaryOutputs}): removed once loaded, and by a shutdown hook if the JVM is stopped
 * first. A built-in name travels as it is.
 */
final class ShippedTokenizer implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The files a directory spec may be loaded from (see Tokenizers.load). */
  private static final List<String> DIRECTORY_FILES = List.of(Tokenizers.FILE_NAME, "vocab.json", "merges.txt");
  private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

  private final String spec;
  /** What follows the file in the spec ("#pattern=..." of a rank file), or "". */
  private final String suffix;
  /** What to load below the temporary directory: a file name, "" for the directory itself; null for a built-in name. */
  private final String target;
  private final LinkedHashMap<String, byte[]> files;
  private final EncodingOptions encoding;
  private final String key;

  private ShippedTokenizer(String spec, String suffix, String target, LinkedHashMap<String, byte[]> files, EncodingOptions encoding) {
    this.spec = spec;
    this.suffix = suffix;
    this.target = target;
    this.files = files;
    this.encoding = encoding;
    this.key = key(spec, target, files, encoding);
  }

  /**
   * The tokenizer {@code option} names, configured by {@code encoding}. An existing path (local, or
   * on any Hadoop file system) wins over a built-in name, as on the command line.
   */
  static ShippedTokenizer of(TokenizerOption option, EncodingOptions encoding, Configuration conf) throws IOException {
    String spec = option.spec();
    if (spec.startsWith(TokenizerSpec.WORD_POOLED)) throw new IllegalArgumentException("word-pooled tokenizers are not available in the Spark job");
    TokenizerSpec parsed = TokenizerSpec.parse(spec);
    // A rank file's pattern is cut off before its file is read as a path: a regex is no part of a URI.
    TokenizerSpec.RankFile rankFile = parsed instanceof TokenizerSpec.RankFile r && !r.file().isEmpty() ? r : null;
    String suffix = rankFile == null ? "" : TokenizerSpec.PATTERN + rankFile.pattern();
    Path path = new Path(rankFile == null ? spec : rankFile.file());
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) return new ShippedTokenizer(spec, "", null, new LinkedHashMap<>(), encoding);
    LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
    FileStatus status = fs.getFileStatus(path);
    if (status.isDirectory()) {
      for (String name : DIRECTORY_FILES) readIfThere(fs, new Path(path, name), files);
      return new ShippedTokenizer(spec, suffix, "", files, encoding);
    }
    String name = path.getName();
    if (name.equals("vocab.json") || name.equals("merges.txt")) {
      for (String pair : List.of("vocab.json", "merges.txt")) readIfThere(fs, new Path(path.getParent(), pair), files);
    } else {
      readIfThere(fs, path, files);
    }
    return new ShippedTokenizer(spec, suffix, name, files, encoding);
  }

  private static void readIfThere(FileSystem fs, Path file, Map<String, byte[]> files) throws IOException {
    if (!fs.exists(file)) return;
    try (InputStream in = fs.open(file)) {
      files.put(file.getName(), in.readAllBytes());
    }
  }

  /** The tokenizer, loaded once per JVM (and configured). */
  Tokenizer tokenizer() throws IOException {
    Tokenizer loaded = LOADED.get(key);
    if (loaded != null) return loaded;
    synchronized (LOADED) {
      loaded = LOADED.get(key);
      if (loaded == null) {
        loaded = encoding.configure(load());
        LOADED.put(key, loaded);
      }
    }
    return loaded;
  }

  /** Loads the tokenizer as the command line's --tokenizer does; errors name the spec, not the copy. */
  private Tokenizer load() throws IOException {
    if (target == null) return Tokenizers.load(spec);
    // A temporary output like the command line's: removed below, or by its shutdown hook if the JVM stops first (SIGTERM, SIGINT).
    java.nio.file.Path dir = TemporaryOutputs.createDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "toksmith-tokenizer"));
    try {
      ownerOnly(dir);
      for (Map.Entry<String, byte[]> file : files.entrySet()) Files.write(dir.resolve(file.getKey()), file.getValue());
      java.nio.file.Path copy = target.isEmpty() ? dir : dir.resolve(target);
      try {
        return Tokenizers.load(copy + suffix);
      } catch (IOException e) {
        String file = spec.substring(0, spec.length() - suffix.length());
        String original = target.isEmpty() ? file : new Path(file).getParent() == null ? "" : new Path(file).getParent().toString();
        String message = String.valueOf(e.getMessage()).replace(dir.toString(), original.isEmpty() ? "." : original);
        throw new IOException(message.startsWith("./") ? message.substring(2) : message, e);
      }
    } finally {
      TemporaryOutputs.discard(dir);
    }
  }

  /** Keeps other users of a shared temporary directory out of the copy, as Files.createTempDirectory would. */
  private static void ownerOnly(java.nio.file.Path dir) throws IOException {
    if (Files.getFileStore(dir).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** A digest of everything that makes the tokenizer: the spec, the files and the encoding options. */
  private static String key(String spec, String target, Map<String, byte[]> files, EncodingOptions encoding) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      java.io.ByteArrayOutputStream options = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(options)) {
        out.writeObject(encoding);
      }
      digest.update(options.toByteArray());
      for (String part : new String[] {spec, target}) digest.update((part == null ? "\0null" : part + "\0").getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        digest.update((file.getKey() + "\0").getBytes(StandardCharsets.UTF_8));
        digest.update(file.getValue());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
