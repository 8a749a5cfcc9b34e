package dev.toksmith.core.unicode;

/**
 * General_Category and a few binary properties, from one table that holds two Unicode versions:
 *
 * <ul>
 *   <li>the tests of the {@code unicode_categories} crate 0.1.1, whose tables are Unicode 8.0, as Hugging
 *       Face's BertNormalizer uses them: {@link #isOther} (its {@code is_other}: Cc, Cf or Co; the crate has
 *       no Cn table) and {@link #isMarkNonspacing} (Mn); characters assigned after Unicode 8.0 are in
 *       neither class;
 *   <li>Oniguruma's view at Unicode 16.0, behind the properties of split regexes: {@link
 *       #generalCategory} (numbered as {@link Character#getType} numbers it, so that it can be compared
 *       with this JDK's), {@link #isAlphabetic}, {@link #isLowercase} and {@link #isUppercase}.
 * </ul>
 *
 * <p>Lookups allocate nothing.
 */
public final class UnicodeCategories {
  static final String RESOURCE = "unicode-categories.bin";

  /** Table bit: Cc, Cf or Co at Unicode 8.0. */
  static final int OTHER = 1;
  /** Table bit: Mn at Unicode 8.0. */
  static final int MARK_NONSPACING = 1 << 1;
  /** Where the Unicode 16.0 General_Category starts in a table value (five bits). */
  static final int GENERAL_CATEGORY_SHIFT = 2;
  private static final int GENERAL_CATEGORY_MASK = 0x1F;
  /** Table bit: Alphabetic at Unicode 16.0. */
  static final int ALPHABETIC = 1 << 7;
  /** Table bit: Lowercase at Unicode 16.0. */
  static final int LOWERCASE = 1 << 8;
  /** Table bit: Uppercase at Unicode 16.0. */
  static final int UPPERCASE = 1 << 9;

  private static final CodePointTable TABLE = CodePointTable.readResource(RESOURCE);

  private UnicodeCategories() {}

  public static boolean isOther(int cp) {
    return (valueOf(cp) & OTHER) != 0;
  }

  public static boolean isMarkNonspacing(int cp) {
    return (valueOf(cp) & MARK_NONSPACING) != 0;
  }

  /**
   * The General_Category of {@code cp} at Unicode 16.0 as a {@link Character#getType} constant: {@link
   * Character#UNASSIGNED} for characters assigned later and for values outside the code point range,
   * {@link Character#SURROGATE} for surrogate code points.
   */
  public static int generalCategory(int cp) {
    return (valueOf(cp) >>> GENERAL_CATEGORY_SHIFT) & GENERAL_CATEGORY_MASK;
  }

  /** The Alphabetic property at Unicode 16.0. */
  public static boolean isAlphabetic(int cp) {
    return (valueOf(cp) & ALPHABETIC) != 0;
  }

  /** The Lowercase property at Unicode 16.0. */
  public static boolean isLowercase(int cp) {
    return (valueOf(cp) & LOWERCASE) != 0;
  }

  /** The Uppercase property at Unicode 16.0. */
  public static boolean isUppercase(int cp) {
    return (valueOf(cp) & UPPERCASE) != 0;
  }

  private static int valueOf(int cp) {
    return cp < 0 || cp > Character.MAX_CODE_POINT ? 0 : TABLE.get(cp);
  }
}
