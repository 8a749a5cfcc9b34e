package dev.toksmith.vocab.tiktoken;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.corpus.InputFiles;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.models.unicode.UnicodeVocabulary;
import dev.toksmith.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a tokenizer spec, as the command line's {@code --tokenizer SPEC} takes it, into a tokenizer.
 * An existing path wins: a tokenizer.json file, or a directory holding one (and the other files
 * {@link Tokenizers#load(Path)} reads). A tiktoken rank file does not say how to split text, so its
 * spec carries the split pattern: {@code FILE#pattern=REGEX}, or {@code FILE#pattern=NAME} to use a
 * built-in encoding's ({@code cl100k.tiktoken#pattern=cl100k_base}); any file given so is a rank file,
 * such as Llama 3's {@code tokenizer.model}. Otherwise the spec names a built-in tiktoken encoding or
 * a model ({@link TiktokenEncodings#encodingNameFor}), or {@value #UNICODE}, the Unicode-glyph
 * tokenizer.
 */
public final class TokenizerResolver {
  /** The extension of tiktoken rank files. */
  public static final String RANK_FILE_EXTENSION = ".tiktoken";
  /** The name of the built-in Unicode-glyph tokenizer ({@link UnicodeVocabulary}). */
  public static final String UNICODE = "unicode";
  /** What comes between a rank file and its split pattern in a spec: {@code FILE#pattern=REGEX}. */
  public static final String PATTERN = "#pattern=";

  private TokenizerResolver() {}

  /**
   * Resolves {@code spec}, which may carry a rank file's pattern ({@code FILE#pattern=...}).
   *
   * @throws IOException if nothing matches (the message lists the built-in names), a rank file comes
   *     without pattern, a pattern comes without rank file, or a file is malformed
   */
  public static Tokenizer resolve(String spec) throws IOException {
    int at = spec.indexOf(PATTERN);
    if (at < 0 || exists(spec)) return resolve(spec, null);
    return resolve(spec.substring(0, at), spec.substring(at + PATTERN.length()));
  }

  /**
   * Resolves {@code spec} with a rank file's pattern given apart.
   *
   * @param pattern the split regex of a rank file, or the name of a built-in encoding whose pattern to
   *     use; null when {@code spec} is no rank file
   * @throws IOException if nothing matches (the message lists the built-in names), a rank file comes
   *     without pattern, a pattern comes without rank file, or a file is malformed
   */
  public static Tokenizer resolve(String spec, String pattern) throws IOException {
    Path path = Path.of(spec);
    if (Files.exists(path)) {
      boolean rankFile = Files.isRegularFile(path) && (spec.endsWith(RANK_FILE_EXTENSION) || (pattern != null && !startsLikeJson(path)));
      if (rankFile) return rankFile(path, pattern);
      if (pattern != null) throw new IOException("a split pattern (" + PATTERN + ") applies to tiktoken rank files only, and " + spec + " is " + (Files.isDirectory(path) ? "a directory" : "a tokenizer.json"));
      return Tokenizers.load(path);
    }
    if (pattern != null) throw new java.nio.file.NoSuchFileException(spec);
    if (spec.equals(UNICODE)) return UnicodeVocabulary.tokenizer();
    Optional<TiktokenTokenizer> builtIn = TiktokenEncodings.load(spec);
    if (builtIn.isPresent()) return builtIn.get();
    throw new IOException(spec + ": no such tokenizer file or directory, and no built-in tokenizer of that name (built-in: "
        + String.join(", ", TiktokenEncodings.names()) + ", " + UNICODE + ", or an OpenAI model name such as gpt-4o)");
  }

  private static boolean exists(String spec) {
    try {
      return Files.exists(Path.of(spec));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** Whether the first byte that is not white space is '{', which no rank file (base64 lines) has. */
  private static boolean startsLikeJson(Path file) throws IOException {
    try (java.io.InputStream in = new java.io.BufferedInputStream(InputFiles.open(file))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (!Character.isWhitespace(b)) return b == '{';
      }
    }
    return false;
  }

  private static TiktokenTokenizer rankFile(Path file, String pattern) throws IOException {
    if (pattern == null) {
      throw new IOException(file + " is a tiktoken rank file, which does not say how to split text: give its split regex as "
          + file + PATTERN + "REGEX, or a built-in encoding whose pattern to use, e.g. " + file + PATTERN + "cl100k_base");
    }
    String regex = TiktokenEncodings.patternOf(pattern).orElse(pattern);
    String name = file.getFileName().toString();
    if (name.endsWith(RANK_FILE_EXTENSION)) name = name.substring(0, name.length() - RANK_FILE_EXTENSION.length());
    try {
      return new TiktokenTokenizer(name, regex, RankFile.parse(Files.readAllBytes(file), file.toString()), Map.of());
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IOException(file + PATTERN + ": not a valid regex: " + e.getDescription() + " near index " + e.getIndex());
    }
  }
}
