package dev.toksmith.core.unicode;

/**
 * The character classes that Hugging Face's tokenizers test code points against, answered exactly as
 * its regex engines do rather than as this JDK's {@link Character} does (JDK 17 knows Unicode 13 only):
 *
 * <ul>
 *   <li>{@link #isLetter} and {@link #isNumber}: Oniguruma's {@code \p{L}} and {@code \p{N}}
 *       (General_Category L* and Nd/Nl/No) at Unicode 16.0, as used by split patterns such as GPT-2's;
 *   <li>{@link #isWhiteSpace}: Oniguruma's {@code \s}, the White_Space property;
 *   <li>{@link #isWordChar}: the Rust {@code regex} crate's {@code \w} (Alphabetic, Mark,
 *       Decimal_Number, Connector_Punctuation, Join_Control) at Unicode 16.0, as used by
 *       {@code single_word} added tokens and the Whitespace pre-tokenizer;
 *   <li>{@link #isNumeric}: Rust's {@code char::is_numeric} (General_Category N*) at Unicode 17.0,
 *       as used by the Digits pre-tokenizer;
 *   <li>{@link #isPunctuation}: the {@code unicode_categories} crate's {@code is_punctuation}
 *       (General_Category P* as Unicode 8.0 assigned it), as used by the Punctuation and Bert
 *       pre-tokenizers;
 *   <li>{@link #MARK}, {@link #LOWERCASE_LETTER} and {@link #UPPERCASE_OR_TITLECASE_LETTER}: the
 *       General_Category classes {@code \p{M}}, {@code \p{Ll}} and {@code [\p{Lu}\p{Lt}]} at Unicode
 *       16.0, which o200k's split pattern combines (Oniguruma and tiktoken's {@code regex} crate,
 *       regex-syntax 0.8.5, agree on them).
 * </ul>
 *
 * <p>Lone surrogates and values outside the code point range belong to no class. Lookups are two
 * array reads (one for ASCII) and allocate nothing.
 */
public final class CharClasses {
  /** Bit of {@link #classesOf} set for {@code \p{L}}. */
  public static final int LETTER = 1;
  /** Bit of {@link #classesOf} set for {@code \p{N}}. */
  public static final int NUMBER = 1 << 1;
  /** Bit of {@link #classesOf} set for {@code \s}. */
  public static final int WHITE_SPACE = 1 << 2;
  /** Bit of {@link #classesOf} set for {@code \w}. */
  public static final int WORD = 1 << 3;
  /** Bit of {@link #classesOf} set for Unicode 8.0 punctuation. */
  public static final int PUNCTUATION = 1 << 4;
  /** Bit of {@link #classesOf} set for Rust's {@code char::is_numeric}. */
  public static final int NUMERIC = 1 << 5;
  /** Bit of {@link #classesOf} set for {@code \p{M}} (Mn, Mc, Me). */
  public static final int MARK = 1 << 6;
  /** Bit of {@link #classesOf} set for {@code \p{Ll}}. */
  public static final int LOWERCASE_LETTER = 1 << 7;
  /** Bit of {@link #classesOf} set for {@code \p{Lu}} and {@code \p{Lt}}. */
  public static final int UPPERCASE_OR_TITLECASE_LETTER = 1 << 8;

  private static final CodePointTable TABLE = CodePointTable.readResource("char-classes.bin");
  private static final short[] ASCII = new short[0x80];

  static {
    for (int cp = 0; cp < ASCII.length; cp++) ASCII[cp] = (short) TABLE.get(cp);
  }

  private CharClasses() {}

  /** All classes of {@code cp} as a combination of the bits above. */
  public static int classesOf(int cp) {
    if (cp >>> 7 == 0) return ASCII[cp];
    if (cp < 0 || cp > Character.MAX_CODE_POINT) return 0;
    return TABLE.get(cp);
  }

  public static boolean isLetter(int cp) {
    return (classesOf(cp) & LETTER) != 0;
  }

  public static boolean isNumber(int cp) {
    return (classesOf(cp) & NUMBER) != 0;
  }

  public static boolean isWhiteSpace(int cp) {
    return (classesOf(cp) & WHITE_SPACE) != 0;
  }

  public static boolean isWordChar(int cp) {
    return (classesOf(cp) & WORD) != 0;
  }

  public static boolean isNumeric(int cp) {
    return (classesOf(cp) & NUMERIC) != 0;
  }

  public static boolean isPunctuation(int cp) {
    return (classesOf(cp) & PUNCTUATION) != 0;
  }
}
