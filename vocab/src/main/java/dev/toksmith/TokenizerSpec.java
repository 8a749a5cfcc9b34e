package dev.toksmith;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A tokenizer named by one string, as toksmith's command line takes it: the grammar, parsed. {@link
 * Tokenizers#load(TokenizerSpec)} and {@link Tokenizers#loadWordPooled} load what a spec names.
 *
 * <ul>
 *   <li>a path: a tokenizer.json file or a directory holding one, GPT-2's {@code vocab.json} and
 *       {@code merges.txt} (their directory, or either file), a SentencePiece {@code .model} file;
 *   <li>{@code FILE#pattern=REGEX}, or {@code FILE#pattern=NAME} to use a built-in encoding's split
 *       regex: a tiktoken rank file ({@code .tiktoken}, or Llama 3's {@code tokenizer.model}) with
 *       the pattern it does not carry itself;
 *   <li>a built-in tiktoken encoding ({@link Tokenizers#builtInNames()}) or an OpenAI model name such
 *       as {@code gpt-4o};
 *   <li>{@value #UNICODE}: the Unicode-glyph tokenizer (one id per BMP character, its code point;
 *       byte fallback for the rest);
 *   <li>{@code word-pooled:bytes}, {@code word-pooled:chars}, {@code word-pooled:chars:SPEC} (a
 *       character vocabulary, as {@link CharVocabulary#asTokenizer} saves it) or
 *       {@code word-pooled:subwords:SPEC}: a word-pooled tokenizer, whose units are bytes, code points,
 *       the characters of a vocabulary or the tokens of another tokenizer.
 * </ul>
 *
 * An existing path wins over a name and over the {@code #pattern=} form; the {@code word-pooled:}
 * prefix wins over everything. Parsing looks at the file system only to tell a path that contains
 * {@code #pattern=} from a rank file with its pattern; everything else is decided when loading.
 *
 * <pre>{@code
 * TokenizerSpec spec = TokenizerSpec.parse(args[0]);
 * if (spec instanceof TokenizerSpec.WordPooled pooled) {
 *   WordPooledTokenizer words = Tokenizers.loadWordPooled(pooled, 16, 0);
 * } else {
 *   Tokenizer tok = Tokenizers.load(spec);
 * }
 * }</pre>
 */
public sealed interface TokenizerSpec {
  /** The prefix of a word-pooled tokenizer's spec. */
  String WORD_POOLED = "word-pooled:";
  /** The name of the built-in Unicode-glyph tokenizer. */
  String UNICODE = "unicode";
  /** What comes between a rank file and its split pattern: {@code FILE#pattern=REGEX}. */
  String PATTERN = "#pattern=";

  /** The spec as given. */
  String text();

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException if the spec names a word-pooled tokenizer whose units are none
   *     of {@code bytes}, {@code chars}, {@code chars:SPEC}, {@code subwords:SPEC}
   */
  static TokenizerSpec parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith(WORD_POOLED)) return WordPooled.parse(text);
    int at = text.indexOf(PATTERN);
    if (at >= 0 && !exists(text)) return new RankFile(text, text.substring(0, at), text.substring(at + PATTERN.length()));
    return new Named(text);
  }

  /**
   * A path or a name: an existing file or directory, else a built-in encoding, a model name or
   * {@value #UNICODE}.
   */
  record Named(String text) implements TokenizerSpec {
    public Named {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A tiktoken rank file with its split regex, or the name of a built-in encoding whose regex to use. */
  record RankFile(String text, String file, String pattern) implements TokenizerSpec {
    public RankFile {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** A word-pooled tokenizer: its units, and the spec of the tokenizer they come from (null for bytes and code points). */
  record WordPooled(String text, Units units, TokenizerSpec base) implements TokenizerSpec {
    /** What a word is made of. */
    public enum Units {
      /** {@code word-pooled:bytes}: the word's UTF-8 bytes. */
      BYTES,
      /** {@code word-pooled:chars}: the word's code points. */
      CODE_POINTS,
      /** {@code word-pooled:chars:SPEC}: the characters of a trained character vocabulary. */
      CHAR_VOCABULARY,
      /** {@code word-pooled:subwords:SPEC}: the tokens of another tokenizer. */
      SUBWORDS
    }

    /** The forms, for messages. */
    public static final String FORMS = "word-pooled:bytes, word-pooled:chars, word-pooled:chars:SPEC or word-pooled:subwords:SPEC";

    public WordPooled {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(units, "units");
      if ((base == null) != (units == Units.BYTES || units == Units.CODE_POINTS)) throw new IllegalArgumentException(units + " units " + (base == null ? "need" : "take no") + " base tokenizer");
    }

    private static WordPooled parse(String text) {
      String units = text.substring(WORD_POOLED.length());
      if (units.equals("bytes")) return new WordPooled(text, Units.BYTES, null);
      if (units.equals("chars")) return new WordPooled(text, Units.CODE_POINTS, null);
      if (units.startsWith("chars:")) return new WordPooled(text, Units.CHAR_VOCABULARY, TokenizerSpec.parse(units.substring("chars:".length())));
      if (units.startsWith("subwords:")) return new WordPooled(text, Units.SUBWORDS, TokenizerSpec.parse(units.substring("subwords:".length())));
      throw new IllegalArgumentException("unknown word-pooled tokenizer " + text + " (choose " + FORMS + ")");
    }
  }

  private static boolean exists(String path) {
    try {
      return Files.exists(Path.of(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
