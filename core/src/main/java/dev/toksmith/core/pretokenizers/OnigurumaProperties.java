package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.UnicodeCategories;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * Oniguruma's character properties ({@code \p{..}}, {@code \w}, {@code \d}, {@code \s}, {@code \h},
 * POSIX brackets) as {@code java.util.regex} classes that match exactly the characters Oniguruma matches
 * with its Unicode 16.0 tables, whatever Unicode version this JDK knows.
 *
 * <p>Each class is the nearest class this JDK has built in (a table lookup) corrected by the code
 * points where this JDK's tables and Unicode 16.0 disagree, found once per property by comparing every
 * code point. The corrections make a class slower, and text rarely holds a corrected code point, so
 * each class also comes without them ({@link JavaClass#uncorrected}), for text that holds none.
 */
final class OnigurumaProperties {
  /**
   * A property: which code points it has at Unicode 16.0, and the nearest built-in class (one or more
   * items of a Java character class) with the code points it matches on this JDK.
   */
  private record Property(IntPredicate unicode16, String javaItems, IntPredicate javaMatches) {}

  /**
   * Latin-1 characters (superscripts and fractions) that Oniguruma's {@code \w}, {@code \W}, {@code
   * \p{Word}} and {@code \b} add to the Word property outside brackets, where it tests them with its
   * Latin-1 table; inside brackets they are not word characters.
   */
  private static final String LATIN1_WORD_EXTRAS = "\u00B2\u00B3\u00B9\u00BC\u00BD\u00BE";

  private static final int MARK = mask(Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK);
  private static final int PUNCTUATION = mask(Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
      Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION);
  private static final int SYMBOL = mask(Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL);
  private static final int NOT_GRAPHIC = mask(Character.CONTROL, Character.SURROGATE, Character.UNASSIGNED);
  private static final int DIGIT_MASK = mask(Character.DECIMAL_DIGIT_NUMBER);
  private static final int SPACE_SEPARATOR = mask(Character.SPACE_SEPARATOR);

  /** Java's {@code \w}: Alphabetic, Mark, Decimal_Number, Connector_Punctuation and Join_Control. */
  private static final IntPredicate JAVA_WORD = cp -> Character.isAlphabetic(cp)
      || isJavaCategory(cp, MARK | DIGIT_MASK | mask(Character.CONNECTOR_PUNCTUATION)) || cp == 0x200C || cp == 0x200D;
  /** Oniguruma's Word: Alphabetic, Mark, Decimal_Number and Connector_Punctuation. */
  private static final Property WORD = new Property(OnigurumaProperties::isWord, "\\w", JAVA_WORD);
  private static final Property WORD_OUTSIDE_BRACKETS =
      new Property(cp -> isWord(cp) || (cp < 0x100 && LATIN1_WORD_EXTRAS.indexOf(cp) >= 0), "\\w", JAVA_WORD);
  private static final Property DIGIT = category(DIGIT_MASK);
  private static final Property WHITE_SPACE = new Property(CharClasses::isWhiteSpace, "\\s", OnigurumaProperties::isJavaWhiteSpace);
  private static final Property HEX_DIGIT = new Property(OnigurumaProperties::isAsciiHexDigit, "0-9A-Fa-f", OnigurumaProperties::isAsciiHexDigit);

  /** Oniguruma's {@code \p{..}} names (as {@link #normalize} writes them) that this class answers. */
  private static final Map<String, Property> PROPERTIES = new HashMap<>();
  /** The names POSIX brackets take, all lowercase. */
  private static final Set<String> POSIX_NAMES =
      Set.of("alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit");
  /** Oniguruma's POSIX bracket {@code [[:punct:]]}, which holds symbols too, unlike its {@code \p{Punct}}. */
  private static final Property POSIX_PUNCT = category(PUNCTUATION | SYMBOL);

  static {
    String[][] categories = {
      {"Lu", "Uppercase_Letter"}, {"Ll", "Lowercase_Letter"}, {"Lt", "Titlecase_Letter"}, {"Lm", "Modifier_Letter"}, {"Lo", "Other_Letter"},
      {"Mn", "Nonspacing_Mark"}, {"Mc", "Spacing_Mark"}, {"Me", "Enclosing_Mark"},
      {"Nd", "Decimal_Number", "Digit"}, {"Nl", "Letter_Number"}, {"No", "Other_Number"},
      {"Pc", "Connector_Punctuation"}, {"Pd", "Dash_Punctuation"}, {"Ps", "Open_Punctuation"}, {"Pe", "Close_Punctuation"},
      {"Pi", "Initial_Punctuation"}, {"Pf", "Final_Punctuation"}, {"Po", "Other_Punctuation"},
      {"Sm", "Math_Symbol"}, {"Sc", "Currency_Symbol"}, {"Sk", "Modifier_Symbol"}, {"So", "Other_Symbol"},
      {"Zs", "Space_Separator"}, {"Zl", "Line_Separator"}, {"Zp", "Paragraph_Separator"},
      {"Cc", "Control", "Cntrl"}, {"Cf", "Format"}, {"Cs", "Surrogate"}, {"Co", "Private_Use"}, {"Cn", "Unassigned"},
    };
    Map<Character, Integer> groups = new HashMap<>();
    for (String[] names : categories) {
      int category = javaCategory(names[0]);
      groups.merge(names[0].charAt(0), mask(category), (a, b) -> a | b);
      define(category(mask(category)), names);
    }
    define(category(groups.get('L')), "L", "Letter");
    define(category(mask(Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER)), "LC", "Cased_Letter");
    define(category(groups.get('M')), "M", "Mark", "Combining_Mark");
    define(category(groups.get('N')), "N", "Number");
    define(category(groups.get('P')), "P", "Punctuation", "Punct");
    define(category(groups.get('S')), "S", "Symbol");
    define(category(groups.get('Z')), "Z", "Separator");
    define(category(groups.get('C')), "C", "Other");
    define(new Property(UnicodeCategories::isAlphabetic, "\\p{IsAlphabetic}", Character::isAlphabetic), "Alphabetic", "Alpha");
    define(new Property(UnicodeCategories::isLowercase, "\\p{IsLowercase}", Character::isLowerCase), "Lowercase", "Lower");
    define(new Property(UnicodeCategories::isUppercase, "\\p{IsUppercase}", Character::isUpperCase), "Uppercase", "Upper");
    define(WHITE_SPACE, "White_Space", "WSpace", "Space");
    define(WORD, "Word");
    define(HEX_DIGIT, "XDigit");
    define(new Property(cp -> UnicodeCategories.isAlphabetic(cp) || isCategory(cp, DIGIT_MASK),
        "\\p{IsAlphabetic}\\p{Nd}", cp -> Character.isAlphabetic(cp) || isJavaCategory(cp, DIGIT_MASK)), "Alnum");
    define(new Property(cp -> cp == '\t' || isCategory(cp, SPACE_SEPARATOR),
        "\\t\\p{Zs}", cp -> cp == '\t' || isJavaCategory(cp, SPACE_SEPARATOR)), "Blank");
    Property graph = new Property(cp -> !CharClasses.isWhiteSpace(cp) && !isCategory(cp, NOT_GRAPHIC),
        "[^\\s\\p{Cc}\\p{Cs}\\p{Cn}]", cp -> !isJavaWhiteSpace(cp) && !isJavaCategory(cp, NOT_GRAPHIC));
    define(graph, "Graph");
    define(new Property(cp -> graph.unicode16().test(cp) || isCategory(cp, SPACE_SEPARATOR),
        graph.javaItems() + "\\p{Zs}", cp -> graph.javaMatches().test(cp) || isJavaCategory(cp, SPACE_SEPARATOR)), "Print");
    int unassigned = mask(Character.UNASSIGNED);
    define(new Property(cp -> !isCategory(cp, unassigned), "\\P{Cn}", cp -> !isJavaCategory(cp, unassigned)), "Assigned");
    define(new Property(cp -> true, "\\x{0}-\\x{10FFFF}", cp -> true), "Any");
    define(new Property(cp -> cp < 0x80, "\\x{0}-\\x{7F}", cp -> cp < 0x80), "ASCII");
  }

  /** Longest list of ranges that a class tests one by one. */
  private static final int RANGES_PER_SEARCH_STEP = 4;

  /** The classes built so far, by property. */
  private static final Map<Property, JavaClass> CLASSES = new ConcurrentHashMap<>();

  /**
   * A property as Java classes: {@code exact} matches Oniguruma's members everywhere; {@code
   * uncorrected}, this JDK's built-in class alone, matches as {@code exact} (case-insensitively too) on
   * every code point but the {@code corrected} ones.
   */
  record JavaClass(String exact, String uncorrected, BitSet corrected) {
    JavaClass negated() {
      return new JavaClass("[^" + exact + "]", "[^" + uncorrected + "]", corrected);
    }
  }

  private OnigurumaProperties() {}

  /**
   * {@code \p{name}} ({@code \P{name}} when {@code negated}) as a Java class, or null for a name this
   * class does not know.
   */
  static JavaClass property(String name, boolean negated, boolean inBrackets) {
    Property property = PROPERTIES.get(normalize(name));
    if (property == WORD && !inBrackets) property = WORD_OUTSIDE_BRACKETS;
    return property == null ? null : javaClass(property, negated);
  }

  /** The POSIX bracket {@code [:name:]} ({@code [:^name:]} when {@code negated}) as a Java class, or null if unknown. */
  static JavaClass posixBracket(String name, boolean negated) {
    if (!POSIX_NAMES.contains(name)) return null;
    return javaClass(name.equals("punct") ? POSIX_PUNCT : PROPERTIES.get(name), negated);
  }

  /** The class of the escape {@code \letter} for {@code w W d D s S h H}; null for any other letter. */
  static JavaClass escape(char letter, boolean inBrackets) {
    Property property = switch (Character.toLowerCase(letter)) {
      case 'w' -> inBrackets ? WORD : WORD_OUTSIDE_BRACKETS;
      case 'd' -> DIGIT;
      case 's' -> WHITE_SPACE;
      case 'h' -> HEX_DIGIT;
      default -> null;
    };
    return property == null ? null : javaClass(property, Character.isUpperCase(letter));
  }

  /** Oniguruma compares property names ignoring case, spaces, hyphens and underscores. */
  private static String normalize(String name) {
    StringBuilder normalized = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != ' ' && c != '-' && c != '_') normalized.append(Character.toLowerCase(c));
    }
    return normalized.toString();
  }

  private static void define(Property property, String... names) {
    for (String name : names) PROPERTIES.put(normalize(name), property);
  }

  private static JavaClass javaClass(Property property, boolean negated) {
    JavaClass positive = CLASSES.computeIfAbsent(property, OnigurumaProperties::build);
    return negated ? positive.negated() : positive;
  }

  /** The class of {@code property}, corrected where this JDK's tables differ from Unicode 16.0. */
  private static JavaClass build(Property property) {
    List<int[]> added = new ArrayList<>();
    List<int[]> removed = new ArrayList<>();
    BitSet corrected = new BitSet();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      boolean wanted = property.unicode16().test(cp);
      if (wanted == property.javaMatches().test(cp)) continue;
      int last = cp;
      while (last < Character.MAX_CODE_POINT && correctedAlike(property, last + 1, wanted)) last++;
      (wanted ? added : removed).add(new int[] {cp, last});
      corrected.set(cp, last + 1);
      cp = last;
    }
    StringBuilder exact = new StringBuilder("[").append(property.javaItems());
    if (!added.isEmpty()) exact.append('[').append(ranges(added, 0, added.size())).append(']');
    if (!removed.isEmpty()) exact.append("&&[^").append(ranges(removed, 0, removed.size())).append(']');
    // A class of one item compiles to that item's own test.
    return new JavaClass(exact.append(']').toString(), "[" + property.javaItems() + "]", withCaseVariants(corrected));
  }

  /**
   * {@code corrected} and the code points whose case variants are in it: inside brackets under {@code
   * (?i)}, Java matches a range on a character, its uppercase and the lowercase of that, and a single
   * character on the lowercase of the uppercase, so the corrections may match such code points too.
   */
  private static BitSet withCaseVariants(BitSet corrected) {
    BitSet folded = new BitSet();
    corrected.stream().forEach(cp -> folded.set(fold(cp)));
    BitSet closed = (BitSet) corrected.clone();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      int fold = fold(cp);
      if (corrected.get(Character.toUpperCase(cp)) || corrected.get(fold) || folded.get(cp) || folded.get(fold)) closed.set(cp);
    }
    return closed;
  }

  private static int fold(int cp) {
    return Character.toLowerCase(Character.toUpperCase(cp));
  }

  /** Whether {@code cp} needs the same correction as the range before it. */
  private static boolean correctedAlike(Property property, int cp, boolean wanted) {
    return property.unicode16().test(cp) == wanted && property.javaMatches().test(cp) != wanted;
  }

  /**
   * The class items of {@code ranges[from, to)}. Java tests the items of a class one after the other,
   * so a long list becomes a binary search: each half is tested only inside the span it covers.
   */
  private static String ranges(List<int[]> ranges, int from, int to) {
    StringBuilder items = new StringBuilder();
    if (to - from <= RANGES_PER_SEARCH_STEP) {
      for (int[] range : ranges.subList(from, to)) appendRange(items, range[0], range[1]);
      return items.toString();
    }
    int middle = (from + to) >>> 1;
    for (int[] half : new int[][] {{from, middle}, {middle, to}}) {
      items.append('[');
      appendRange(items, ranges.get(half[0])[0], ranges.get(half[1] - 1)[1]);
      items.append("&&[").append(ranges(ranges, half[0], half[1])).append("]]");
    }
    return items.toString();
  }

  private static void appendRange(StringBuilder ranges, int first, int last) {
    ranges.append("\\x{").append(Integer.toHexString(first)).append('}');
    if (last > first) ranges.append("-\\x{").append(Integer.toHexString(last)).append('}');
  }

  /** The property of the General_Category values in {@code mask}. */
  private static Property category(int mask) {
    return new Property(cp -> isCategory(cp, mask), javaItems(mask), cp -> isJavaCategory(cp, mask));
  }

  /**
   * {@code \p{..}} items matching the categories of {@code mask} on this JDK: one item for a whole
   * group but C (Java's {@code \p{C}} leaves out unassigned code points, which Oniguruma's has).
   */
  private static String javaItems(int mask) {
    for (String group : new String[] {"L", "M", "N", "P", "S", "Z"}) {
      int groupMask = 0;
      for (int type = 0; type <= Character.FINAL_QUOTE_PUNCTUATION; type++) {
        String code = categoryCode(type);
        if (code != null && code.startsWith(group)) groupMask |= 1 << type;
      }
      if (mask == groupMask) return "\\p{" + group + "}";
    }
    StringBuilder items = new StringBuilder();
    for (int type = 0; type <= Character.FINAL_QUOTE_PUNCTUATION; type++) {
      if ((mask >>> type & 1) != 0) items.append("\\p{").append(categoryCode(type)).append('}');
    }
    return items.toString();
  }

  private static boolean isCategory(int cp, int mask) {
    return (mask >>> UnicodeCategories.generalCategory(cp) & 1) != 0;
  }

  private static boolean isJavaCategory(int cp, int mask) {
    return (mask >>> Character.getType(cp) & 1) != 0;
  }

  /** Oniguruma's Word property: Alphabetic, Mark, Decimal_Number and Connector_Punctuation. */
  private static boolean isWord(int cp) {
    return UnicodeCategories.isAlphabetic(cp) || isCategory(cp, MARK | DIGIT_MASK | mask(Character.CONNECTOR_PUNCTUATION));
  }

  /** java.util.regex's White_Space with Unicode character classes (its own definition, not {@link Character#isWhitespace}). */
  private static boolean isJavaWhiteSpace(int cp) {
    return isJavaCategory(cp, mask(Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR))
        || (cp >= 0x9 && cp <= 0xD) || cp == 0x85;
  }

  private static boolean isAsciiHexDigit(int cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'F') || (cp >= 'a' && cp <= 'f');
  }

  private static int javaCategory(String code) {
    for (int type = 0; type <= Character.FINAL_QUOTE_PUNCTUATION; type++) {
      if (code.equals(categoryCode(type))) return type;
    }
    throw new IllegalArgumentException(code);
  }

  private static String categoryCode(int type) {
    return switch (type) {
      case Character.UPPERCASE_LETTER -> "Lu";
      case Character.LOWERCASE_LETTER -> "Ll";
      case Character.TITLECASE_LETTER -> "Lt";
      case Character.MODIFIER_LETTER -> "Lm";
      case Character.OTHER_LETTER -> "Lo";
      case Character.NON_SPACING_MARK -> "Mn";
      case Character.COMBINING_SPACING_MARK -> "Mc";
      case Character.ENCLOSING_MARK -> "Me";
      case Character.DECIMAL_DIGIT_NUMBER -> "Nd";
      case Character.LETTER_NUMBER -> "Nl";
      case Character.OTHER_NUMBER -> "No";
      case Character.CONNECTOR_PUNCTUATION -> "Pc";
      case Character.DASH_PUNCTUATION -> "Pd";
      case Character.START_PUNCTUATION -> "Ps";
      case Character.END_PUNCTUATION -> "Pe";
      case Character.INITIAL_QUOTE_PUNCTUATION -> "Pi";
      case Character.FINAL_QUOTE_PUNCTUATION -> "Pf";
      case Character.OTHER_PUNCTUATION -> "Po";
      case Character.MATH_SYMBOL -> "Sm";
      case Character.CURRENCY_SYMBOL -> "Sc";
      case Character.MODIFIER_SYMBOL -> "Sk";
      case Character.OTHER_SYMBOL -> "So";
      case Character.SPACE_SEPARATOR -> "Zs";
      case Character.LINE_SEPARATOR -> "Zl";
      case Character.PARAGRAPH_SEPARATOR -> "Zp";
      case Character.CONTROL -> "Cc";
      case Character.FORMAT -> "Cf";
      case Character.SURROGATE -> "Cs";
      case Character.PRIVATE_USE -> "Co";
      case Character.UNASSIGNED -> "Cn";
      default -> null;
    };
  }

  private static int mask(int... types) {
    int mask = 0;
    for (int type : types) mask |= 1 << type;
    return mask;
  }
}
