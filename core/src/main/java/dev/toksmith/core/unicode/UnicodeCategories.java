package dev.toksmith.core.unicode;

/**
 * The General_Category tests of the {@code unicode_categories} crate 0.1.1, whose tables are Unicode 8.0,
 * as Hugging Face's BertNormalizer uses them: {@link #isOther} (its {@code is_other}: Cc, Cf or Co; the
 * crate has no Cn table) and {@link #isMarkNonspacing} (Mn). Characters assigned after Unicode 8.0 are in
 * neither class. Lookups allocate nothing.
 */
public final class UnicodeCategories {
  static final String RESOURCE = "unicode-categories.bin";

  /** Table bit: Cc, Cf or Co. */
  static final int OTHER = 1;
  /** Table bit: Mn. */
  static final int MARK_NONSPACING = 1 << 1;

  private static final CodePointTable TABLE = CodePointTable.readResource(RESOURCE);

  private UnicodeCategories() {}

  public static boolean isOther(int cp) {
    return (classesOf(cp) & OTHER) != 0;
  }

  public static boolean isMarkNonspacing(int cp) {
    return (classesOf(cp) & MARK_NONSPACING) != 0;
  }

  private static int classesOf(int cp) {
    return cp < 0 || cp > Character.MAX_CODE_POINT ? 0 : TABLE.get(cp);
  }
}
