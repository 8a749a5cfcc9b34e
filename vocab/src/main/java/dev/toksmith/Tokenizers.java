package dev.toksmith;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.PostProcessedTokenizer;
import dev.toksmith.core.StagedTokenizer;
import dev.toksmith.core.corpus.InputFiles;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.models.unicode.UnicodeVocabulary;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import dev.toksmith.vocab.gpt2.Gpt2Files;
import dev.toksmith.vocab.hf.TokenizerJsonReader;
import dev.toksmith.vocab.hf.TokenizerJsonWriter;
import dev.toksmith.vocab.io.AtomicFile;
import dev.toksmith.vocab.io.JsonErrors;
import dev.toksmith.vocab.sentencepiece.SentencePieceConversion;
import dev.toksmith.vocab.sentencepiece.SentencePieceFiles;
import dev.toksmith.vocab.tiktoken.RankFile;
import dev.toksmith.vocab.tiktoken.TiktokenEncodings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads tokenizers from Hugging Face tokenizer.json, GPT-2's vocab.json + merges.txt, tiktoken rank
 * files and built-in encodings, and SentencePiece {@code .model} files; saves any of them as
 * tokenizer.json.
 *
 * <pre>{@code
 * Tokenizer tok = Tokenizers.load(Path.of("tokenizer.json"));
 * int[] ids = tok.encodeIds("Hello world");
 * }</pre>
 */
public final class Tokenizers {
  /** The file name looked for when a directory is given. */
  public static final String FILE_NAME = "tokenizer.json";

  /**
   * The JSON parsers' factory, in a class of its own so that built-in encodings load without starting
   * Jackson (a cost at every CLI start). Reading needs no ObjectMapper ({@code TokenizerJsonReader}
   * builds its few trees itself, as the mapper would with numbers kept as written).
   */
  private static final class Json {
    // Vocabulary keys are field names: interning them would only cost time.
    // Hugging Face keeps the last of a key given twice; toksmith refuses (see read): the parser checks.
    // Vocabularies of large models exceed Jackson's default 20 MB document and 20 M string limits.
    // The caller owns the stream.
    static final JsonFactory FACTORY = JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxDocumentLength(Long.MAX_VALUE).maxNestingDepth(1000).build())
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .build();
  }

  /** How Jackson's parser words a duplicate key (STRICT_DUPLICATE_DETECTION; JsonTrees words it alike). */
  private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

  private Tokenizers() {}

  /**
   * Loads a tokenizer from a file or a directory: a Hugging Face tokenizer.json (or a directory
   * holding one), GPT-2's {@code vocab.json} + {@code merges.txt} (a directory holding both, or
   * either file with the other beside it), or a SentencePiece {@code .model} file.
   *
   * @throws TokenizerFormatException if a file is malformed or uses what toksmith cannot run (the
   *     message names the file and the place in it), or the directory holds no tokenizer
   * @throws NoSuchFileException if there is no such file
   */
  public static Tokenizer load(Path path) throws IOException {
    return load(path, (TokenizerCache) null);
  }

  /**
   * As {@link #load(Path)}, keeping what is costly to load from a large tokenizer.json in {@code cache}
   * (null for none) and taking it from there when the same file is loaded again: the tokenizer is the
   * same either way (see {@link TokenizerCache}).
   *
   * @throws TokenizerFormatException as {@link #load(Path)}
   * @throws NoSuchFileException if there is no such file
   */
  public static Tokenizer load(Path path, TokenizerCache cache) throws IOException {
    if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve(FILE_NAME))) return load(path.resolve(FILE_NAME), cache);
      if (Gpt2Files.isIn(path)) return Gpt2Files.load(path.resolve(Gpt2Files.VOCAB), path.resolve(Gpt2Files.MERGES));
      throw new TokenizerFormatException(path + ": a directory holding no tokenizer (" + FILE_NAME + ", or " + Gpt2Files.VOCAB + " and " + Gpt2Files.MERGES + ")");
    }
    String name = path.getFileName().toString();
    if (name.endsWith(SentencePieceFiles.EXTENSION)) return SentencePieceFiles.load(path);
    if (name.equals(Gpt2Files.VOCAB) || name.equals(Gpt2Files.MERGES)) {
      Path dir = path.toAbsolutePath().getParent();
      return Gpt2Files.load(dir.resolve(Gpt2Files.VOCAB), dir.resolve(Gpt2Files.MERGES));
    }
    Path cacheDir = cache == null ? null : cache.directory();
    // A regular file in one read into an array of its size; a pipe as a stream.
    if (Files.isRegularFile(path)) return read(Files.readAllBytes(path), path.toString(), cacheDir);
    try (InputStream in = new BufferedInputStream(InputFiles.open(path), 1 << 16)) {
      return read(in.readAllBytes(), path.toString(), cacheDir);
    }
  }

  /**
   * Loads a tokenizer by spec, as the command line's {@code --tokenizer} does: {@code
   * load(TokenizerSpec.parse(spec))}.
   *
   * @throws IOException if nothing matches (the message lists the built-in names), a rank file comes
   *     without pattern, a pattern comes without rank file, or a file is malformed
   * @throws IllegalArgumentException if the spec is a malformed word-pooled one
   */
  public static Tokenizer load(String spec) throws IOException {
    return load(TokenizerSpec.parse(spec));
  }

  /**
   * As {@link #load(String)}, with a cache for large tokenizer.json files (null for none; see {@link
   * #load(Path, TokenizerCache)}).
   */
  public static Tokenizer load(String spec, TokenizerCache cache) throws IOException {
    return load(TokenizerSpec.parse(spec), cache);
  }

  /**
   * Loads the tokenizer a spec names (see {@link TokenizerSpec}): an existing path (see {@link
   * #load(Path)}); a tiktoken rank file with its split pattern (as {@link #loadTiktoken} takes them);
   * else a built-in tiktoken encoding or OpenAI model name ({@link #builtInNames()}, e.g. {@code
   * gpt-4o}), or {@code unicode}: the Unicode-glyph tokenizer (one id per BMP character, its code
   * point; byte fallback for the rest; see the README).
   *
   * @throws IOException if nothing matches (the message lists the built-in names), a rank file comes
   *     without pattern, a pattern comes without rank file, a file is malformed, or the spec names a
   *     word-pooled tokenizer (see {@link #loadWordPooled})
   */
  public static Tokenizer load(TokenizerSpec spec) throws IOException {
    return load(spec, null);
  }

  /**
   * As {@link #load(TokenizerSpec)}, with a cache for large tokenizer.json files (null for none; see
   * {@link #load(Path, TokenizerCache)}).
   */
  public static Tokenizer load(TokenizerSpec spec, TokenizerCache cache) throws IOException {
    if (spec instanceof TokenizerSpec.RankFile rankFile) return resolve(rankFile.file(), rankFile.pattern(), null);
    if (spec instanceof TokenizerSpec.WordPooled) {
      throw new IOException(spec.text() + ": a word-pooled tokenizer, which encodes each word as a row of units, not text as a sequence of token ids");
    }
    return resolve(spec.text(), null, cache);
  }

  /**
   * Loads a word-pooled tokenizer: its units as the spec names them, {@code maxUnits} units per row
   * after {@code slots} reserved ids (see {@link WordPooledTokenizer}).
   *
   * <pre>{@code
   * WordPooledTokenizer words = Tokenizers.loadWordPooled(TokenizerSpec.parse("word-pooled:subwords:gpt2"), 8, 0);
   * }</pre>
   *
   * @throws IOException if the base tokenizer cannot be loaded
   * @throws IllegalArgumentException if the layout is impossible or a {@code chars:SPEC} tokenizer is
   *     no character vocabulary
   */
  public static WordPooledTokenizer loadWordPooled(TokenizerSpec.WordPooled spec, int maxUnits, int slots) throws IOException {
    return switch (spec.units()) {
      case BYTES -> WordPooledTokenizers.bytes(maxUnits, slots);
      case CODE_POINTS -> WordPooledTokenizers.codePoints(maxUnits, slots);
      case CHAR_VOCABULARY -> WordPooledTokenizers.chars(CharVocabulary.fromTokenizer(load(spec.base())), maxUnits, slots);
      case SUBWORDS -> WordPooledTokenizers.subwords(load(spec.base()), maxUnits, slots);
    };
  }

  /**
   * Loads a tiktoken rank file (a {@code .tiktoken} file, or Llama 3's {@code tokenizer.model}) with
   * its split regex, or the name of a built-in encoding whose regex to use.
   */
  public static Tokenizer loadTiktoken(Path rankFile, String pattern) throws IOException {
    return resolve(rankFile.toString(), pattern, null);
  }

  /** The built-in tiktoken encodings: r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, ... */
  public static List<String> builtInNames() {
    return TiktokenEncodings.names();
  }

  /** Loads GPT-2 style {@code vocab.json} and {@code merges.txt} given as two paths. */
  public static Tokenizer loadGpt2(Path vocabJson, Path mergesTxt) throws IOException {
    return Gpt2Files.load(vocabJson, mergesTxt);
  }

  /**
   * Resolves a path or name, with a rank file's pattern given apart (null when none was given). A
   * tiktoken rank file does not say how to split text, so it needs one; any file given with a pattern
   * is a rank file unless it starts like JSON.
   */
  private static Tokenizer resolve(String spec, String pattern, TokenizerCache cache) throws IOException {
    Path path = Path.of(spec);
    if (Files.exists(path)) {
      boolean rankFile = Files.isRegularFile(path) && (spec.endsWith(RankFile.EXTENSION) || (pattern != null && !startsLikeJson(path)));
      if (rankFile) return rankFile(path, pattern);
      if (pattern != null) {
        throw new IOException("a split pattern (" + TokenizerSpec.PATTERN + ") applies to tiktoken rank files only, and " + spec + " is " + (Files.isDirectory(path) ? "a directory" : "a tokenizer.json"));
      }
      return load(path, cache);
    }
    if (pattern != null) throw new NoSuchFileException(spec);
    if (spec.equals(TokenizerSpec.UNICODE)) return UnicodeVocabulary.tokenizer();
    Optional<TiktokenTokenizer> builtIn = TiktokenEncodings.load(spec);
    if (builtIn.isPresent()) return builtIn.get();
    throw new IOException(spec + ": no such tokenizer file or directory, and no built-in tokenizer of that name (built-in: "
        + String.join(", ", TiktokenEncodings.names()) + ", " + TokenizerSpec.UNICODE + ", or an OpenAI model name such as gpt-4o)");
  }

  /** Whether the first byte that is not white space is '{', which no rank file (base64 lines) has. */
  private static boolean startsLikeJson(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(InputFiles.open(file))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (!Character.isWhitespace(b)) return b == '{';
      }
    }
    return false;
  }

  private static TiktokenTokenizer rankFile(Path file, String pattern) throws IOException {
    if (pattern == null) {
      throw new IOException(file + " is a tiktoken rank file, which does not say how to split text: give its split regex as "
          + file + TokenizerSpec.PATTERN + "REGEX, or a built-in encoding whose pattern to use, e.g. " + file + TokenizerSpec.PATTERN + "cl100k_base");
    }
    try {
      return RankFile.load(file, TiktokenEncodings.patternOf(pattern).orElse(pattern));
    } catch (PatternSyntaxException e) {
      throw new IOException(file + TokenizerSpec.PATTERN + ": not a valid regex: " + e.getDescription() + " near index " + e.getIndex());
    }
  }

  /** Loads a tokenizer.json document from a stream; {@code name} appears in error messages. */
  public static Tokenizer load(InputStream in, String name) throws IOException {
    return read(in.readAllBytes(), name, null);
  }

  private static Pipeline read(byte[] doc, String name, Path cache) throws IOException {
    Pipeline pipeline;
    try {
      pipeline = TokenizerJsonReader.read(doc, doc.length, Json.FACTORY, cache);
    } catch (JsonProcessingException e) {
      Matcher duplicate = DUPLICATE_KEY.matcher(e.getOriginalMessage());
      if (duplicate.matches()) {
        // Hugging Face would keep the last value: which one was meant cannot be told.
        String where = e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : "";
        throw new TokenizerFormatException(name + ": the key " + Excerpt.quote(duplicate.group(1)) + " is given twice in one object" + where, e);
      }
      throw new TokenizerFormatException(name + ": not valid JSON: " + JsonErrors.describe(e), e);
    } catch (TokenizerFormatException e) {
      throw new TokenizerFormatException(name + ": " + e.getMessage(), e);
    }
    if (pipeline == null) throw new TokenizerFormatException(name + ": empty file");
    return pipeline;
  }

  /**
   * Saves a tokenizer as tokenizer.json or, to a file named {@code *.model}, a SentencePiece model
   * (as {@link SentencePieceFiles#write} lays it out), which needs a tokenizer that runs one: a
   * SentencePiece trainer's, or one loaded from a {@code .model}. The file is written to a temporary
   * file in the same directory and renamed, so a failure never leaves a half-written file behind; a
   * symbolic link is written through (the file it leads to is replaced), a FIFO or device written
   * directly, and the directory must exist.
   *
   * @throws IllegalArgumentException if {@code tokenizer} was not made by toksmith, or is no
   *     SentencePiece model and the file is a {@code .model}
   */
  public static void save(Tokenizer tokenizer, Path file) throws IOException {
    Path name = file.getFileName();
    if (name != null && name.toString().endsWith(SentencePieceFiles.EXTENSION)) {
      SentencePieceFiles.save(stagesOf(tokenizer), file);
      return;
    }
    AtomicFile.write(file, out -> write(tokenizer, out));
  }

  /**
   * Writes a tokenizer as tokenizer.json to a stream (left open). A tiktoken encoding is written as
   * the equivalent Hugging Face pipeline (Split with its pattern, ByteLevel, BPE with merges from the
   * ranks), which gives the same ids; a tokenizer loaded from a SentencePiece {@code .model} is
   * written as Hugging Face's conversion of it (see {@link SentencePieceConversion}), which gives
   * SentencePiece's ids except where that conversion differs.
   */
  public static void write(Tokenizer tokenizer, OutputStream out) throws IOException {
    StagedTokenizer stages = stagesOf(tokenizer);
    if (SentencePieceConversion.isSentencePiece(stages)) {
      stages = SentencePieceConversion.toHuggingFace(stages).withStoredTruncation(stages.truncation()).withPadding(stages.padding());
    }
    // Straight to the stream: the writer's generator leaves its target open (JsonText), and a
    // FilterOutputStream in between would pass the JSON on one byte at a time.
    TokenizerJsonWriter.write(stages, out);
  }

  /** The Hugging Face stages a tokenizer made by toksmith gives the same ids as. */
  private static StagedTokenizer stagesOf(Tokenizer tokenizer) {
    if (!(tokenizer instanceof PostProcessedTokenizer<?> made)) {
      throw new IllegalArgumentException("only tokenizers made by toksmith can be written, not " + tokenizer.getClass().getName());
    }
    return made.stages();
  }
}
