package dev.toksmith.core.unicode;

import static dev.toksmith.core.unicode.NormalizationData.COMBINING_CLASS;
import static dev.toksmith.core.unicode.NormalizationData.COMBINING_MARK;
import static dev.toksmith.core.unicode.NormalizationData.COMPATIBILITY_DIFFERS;
import static dev.toksmith.core.unicode.NormalizationData.COMPOSITION_SECOND;
import static dev.toksmith.core.unicode.NormalizationData.DECOMPOSES;
import static dev.toksmith.core.unicode.NormalizationData.STABLE_NFC;
import static dev.toksmith.core.unicode.NormalizationData.STABLE_NFD;
import static dev.toksmith.core.unicode.NormalizationData.STABLE_NFKC;
import static dev.toksmith.core.unicode.NormalizationData.STABLE_NFKD;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Builds the Unicode table resources of {@code dev.toksmith.core.unicode} from ICU4J, which knows a
 * newer Unicode than every table needs: each table keeps only the characters that the reference
 * component's Unicode version had assigned, with their current properties (stable for normalization by
 * Unicode's stability policy; checked for the rest by the reference tests).
 */
final class UnicodeTableGenerator {
  /** The reference's regex engines: Oniguruma (through the onig crate 6.5.1) and regex-syntax 0.8.5. */
  static final VersionInfo CHAR_CLASSES_VERSION = VersionInfo.getInstance(16, 0);
  /** The tables of unicode-normalization-alignments 0.1.12 ({@code UNICODE_VERSION = (9, 0, 0)}). */
  static final VersionInfo NORMALIZATION_VERSION = VersionInfo.getInstance(9, 0);
  /** The Rust standard library the reference was built with (case mapping, char::is_numeric). */
  static final VersionInfo CASE_MAPPING_VERSION = VersionInfo.getInstance(17, 0);
  /** The tables of the unicode_categories crate (0.1.1) behind the Punctuation and Bert pre-tokenizers. */
  static final VersionInfo PUNCTUATION_VERSION = VersionInfo.getInstance(8, 0);
  /** Characters that were punctuation (Po) in Unicode 8.0 and have been recategorized since. */
  private static final Set<Integer> FORMER_PUNCTUATION = Set.of(0x166D, 0x111C9);
  /** The script table behind the UnicodeScripts pre-tokenizer (SentencePiece's, generated from Unicode 9.0). */
  static final VersionInfo SCRIPTS_VERSION = VersionInfo.getInstance(9, 0);
  /** Characters whose script has changed since Unicode 9.0, with the script they had then. */
  private static final Map<Integer, Integer> FORMER_SCRIPTS =
      Map.of(0x0589, UScript.COMMON, 0x061C, UScript.COMMON, 0x0953, UScript.DEVANAGARI, 0x0954, UScript.DEVANAGARI);
  /** The tables of the unicode_categories crate 0.1.1, behind BertNormalizer's character classes. */
  static final VersionInfo UNICODE_CATEGORIES_VERSION = VersionInfo.getInstance(8, 0);
  /** unicode-segmentation 1.12.0 ({@code UNICODE_VERSION = (16, 0, 0)}), behind the Precompiled normalizer. */
  static final VersionInfo SEGMENTATION_VERSION = VersionInfo.getInstance(16, 0);

  private static final VersionInfo UNASSIGNED = VersionInfo.getInstance(0, 0);

  /**
   * General_Category values of the older tables that Unicode has changed since, so that ICU's current
   * data no longer has them (found by the reference tests, which compare every code point).
   */
  private static final Map<VersionInfo, Map<Integer, Integer>> OLD_CATEGORIES = Map.of(
      // Unicode 17 made U+0295 LATIN LETTER PHARYNGEAL VOICED FRICATIVE Lo; the regex engines have Ll.
      CHAR_CLASSES_VERSION, Map.of(0x0295, (int) UCharacterCategory.LOWERCASE_LETTER),
      NORMALIZATION_VERSION, Map.of(
          0x1CF2, (int) UCharacterCategory.COMBINING_SPACING_MARK,
          0x1CF3, (int) UCharacterCategory.COMBINING_SPACING_MARK,
          0x111C9, (int) UCharacterCategory.OTHER_PUNCTUATION),
      UNICODE_CATEGORIES_VERSION, Map.of(
          0x1734, (int) UCharacterCategory.NON_SPACING_MARK,
          0x1885, (int) UCharacterCategory.OTHER_LETTER,
          0x1886, (int) UCharacterCategory.OTHER_LETTER,
          0xA9BD, (int) UCharacterCategory.COMBINING_SPACING_MARK,
          0x111C9, (int) UCharacterCategory.OTHER_PUNCTUATION,
          0x1171E, (int) UCharacterCategory.NON_SPACING_MARK));

  private UnicodeTableGenerator() {
    if (UCharacter.getUnicodeVersion().compareTo(CASE_MAPPING_VERSION) < 0) {
      throw new IllegalStateException("ICU4J knows Unicode " + UCharacter.getUnicodeVersion() + " only");
    }
  }

  /** Every resource by file name. */
  static Map<String, byte[]> generateAll() {
    UnicodeTableGenerator generator = new UnicodeTableGenerator();
    Map<String, byte[]> resources = new TreeMap<>();
    resources.put("char-classes.bin", generator.charClasses());
    resources.put(NormalizationData.RESOURCE, generator.normalization());
    resources.put(CaseMapping.LOWERCASE_RESOURCE, generator.lowercase());
    resources.put(Scripts.RESOURCE, generator.scripts());
    resources.put(UnicodeCategories.RESOURCE, generator.unicodeCategories());
    resources.put(GraphemeClusters.RESOURCE, generator.graphemeClusterBreaks());
    return resources;
  }

  byte[] charClasses() {
    return serialize(out -> writeTable(out, cp -> regexClasses(cp) | rustClasses(cp)));
  }

  /** The classes the regex engines test, at {@link #CHAR_CLASSES_VERSION}. */
  private static int regexClasses(int cp) {
    int classes = UCharacter.hasBinaryProperty(cp, UProperty.WHITE_SPACE) ? CharClasses.WHITE_SPACE : 0;
    if (!isAssignedIn(cp, CHAR_CLASSES_VERSION)) {
      if (classes != 0) throw new IllegalStateException("white space newer than the regex engines: " + hex(cp));
      return 0;
    }
    int category = generalCategory(cp, CHAR_CLASSES_VERSION);
    boolean letter = category >= UCharacterCategory.UPPERCASE_LETTER && category <= UCharacterCategory.OTHER_LETTER;
    boolean number = category >= UCharacterCategory.DECIMAL_DIGIT_NUMBER && category <= UCharacterCategory.OTHER_NUMBER;
    boolean mark = category >= UCharacterCategory.NON_SPACING_MARK && category <= UCharacterCategory.COMBINING_SPACING_MARK;
    boolean word = UCharacter.hasBinaryProperty(cp, UProperty.ALPHABETIC)
        || mark
        || category == UCharacterCategory.DECIMAL_DIGIT_NUMBER
        || category == UCharacterCategory.CONNECTOR_PUNCTUATION
        || UCharacter.hasBinaryProperty(cp, UProperty.JOIN_CONTROL);
    if (letter) classes |= CharClasses.LETTER;
    if (number) classes |= CharClasses.NUMBER;
    if (word) classes |= CharClasses.WORD;
    if (mark) classes |= CharClasses.MARK;
    if (category == UCharacterCategory.LOWERCASE_LETTER) classes |= CharClasses.LOWERCASE_LETTER;
    if (category == UCharacterCategory.UPPERCASE_LETTER || category == UCharacterCategory.TITLECASE_LETTER) {
      classes |= CharClasses.UPPERCASE_OR_TITLECASE_LETTER;
    }
    return classes;
  }

  /** The classes Rust code tests: char::is_numeric, and the unicode_categories crate's punctuation. */
  private static int rustClasses(int cp) {
    int category = UCharacter.getType(cp);
    int classes = 0;
    boolean numeric = category >= UCharacterCategory.DECIMAL_DIGIT_NUMBER && category <= UCharacterCategory.OTHER_NUMBER;
    if (numeric && isAssignedIn(cp, CASE_MAPPING_VERSION)) classes |= CharClasses.NUMERIC;
    boolean punctuation = category == UCharacterCategory.CONNECTOR_PUNCTUATION
        || category == UCharacterCategory.DASH_PUNCTUATION
        || category == UCharacterCategory.START_PUNCTUATION
        || category == UCharacterCategory.END_PUNCTUATION
        || category == UCharacterCategory.INITIAL_PUNCTUATION
        || category == UCharacterCategory.FINAL_PUNCTUATION
        || category == UCharacterCategory.OTHER_PUNCTUATION
        || FORMER_PUNCTUATION.contains(cp);
    if (punctuation && isAssignedIn(cp, PUNCTUATION_VERSION)) classes |= CharClasses.PUNCTUATION;
    return classes;
  }

  byte[] normalization() {
    Normalizer2 nfc = Normalizer2.getNFCInstance();
    Normalizer2 nfkc = Normalizer2.getNFKCInstance();
    Map<Integer, int[]> canonical = new TreeMap<>();
    Map<Integer, int[]> compatibility = new TreeMap<>();
    List<int[]> compositions = new ArrayList<>();
    BitSet seconds = new BitSet();
    seconds.set(Hangul.V_BASE, Hangul.V_BASE + Hangul.V_COUNT);
    seconds.set(Hangul.T_BASE + 1, Hangul.T_BASE + Hangul.T_COUNT);
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!isAssignedIn(cp, NORMALIZATION_VERSION) || Hangul.isSyllable(cp)) continue;
      int[] full = fullDecomposition(cp, nfc);
      int[] fullCompatible = fullDecomposition(cp, nfkc);
      if (full.length != 1 || full[0] != cp) canonical.put(cp, full);
      if (!Arrays.equals(full, fullCompatible)) compatibility.put(cp, fullCompatible);
      String raw = nfc.getRawDecomposition(cp);
      if (raw != null && raw.codePointCount(0, raw.length()) == 2) {
        int first = raw.codePointAt(0);
        int second = raw.codePointAt(Character.charCount(first));
        if (nfc.composePair(first, second) == cp) {
          compositions.add(new int[] {first, second, cp});
          seconds.set(second);
        }
      }
    }
    return serialize(out -> {
      writeTable(out, cp -> normalizationInfo(cp, canonical, compatibility, seconds, nfc, nfkc));
      writeDecompositions(out, canonical);
      writeDecompositions(out, compatibility);
      out.writeInt(compositions.size());
      for (int[] pair : compositions) {
        for (int cp : pair) out.writeInt(cp);
      }
    });
  }

  private int normalizationInfo(
      int cp, Map<Integer, int[]> canonical, Map<Integer, int[]> compatibility, BitSet seconds, Normalizer2 nfc, Normalizer2 nfkc) {
    if (!isAssignedIn(cp, NORMALIZATION_VERSION)) return STABLE_NFD | STABLE_NFKD | STABLE_NFC | STABLE_NFKC;
    int combiningClass = combiningClass(cp);
    boolean hangul = Hangul.isSyllable(cp);
    int[] decomposition = hangul ? hangulDecomposition(cp) : canonical.get(cp);
    int[] compatibleDecomposition = compatibility.getOrDefault(cp, decomposition);
    String text = new String(Character.toChars(cp));
    boolean starter = combiningClass == 0;
    boolean startsComposition = starter && !seconds.get(cp);
    int info = combiningClass;
    if (isMark(generalCategory(cp, NORMALIZATION_VERSION))) info |= COMBINING_MARK;
    if (decomposition != null) info |= DECOMPOSES;
    if (compatibility.containsKey(cp)) info |= COMPATIBILITY_DIFFERS;
    if (seconds.get(cp)) info |= COMPOSITION_SECOND;
    if (starter && decomposition == null) info |= STABLE_NFD;
    if (starter && compatibleDecomposition == null) info |= STABLE_NFKD;
    if (startsComposition && recomposesToItself(decomposition, seconds) && nfc.isNormalized(text)) info |= STABLE_NFC;
    if (startsComposition && recomposesToItself(compatibleDecomposition, seconds) && nfkc.isNormalized(text)) info |= STABLE_NFKC;
    if (cp < 0x80 && (info & ~COMBINING_CLASS) != (STABLE_NFD | STABLE_NFKD | STABLE_NFC | STABLE_NFKC)) {
      throw new IllegalStateException("the ASCII fast path assumes ASCII never changes: " + hex(cp));
    }
    return info;
  }

  private static int[] hangulDecomposition(int syllable) {
    int trailing = Hangul.trailingConsonant(syllable);
    int leading = Hangul.leadingConsonant(syllable);
    return trailing < 0 ? new int[] {leading, Hangul.vowel(syllable)} : new int[] {leading, Hangul.vowel(syllable), trailing};
  }

  /**
   * Whether a character with this decomposition can be stable: none, or one that starts with a
   * starter nothing before it composes with (whether it composes back is the caller's test).
   */
  private static boolean recomposesToItself(int[] decomposition, BitSet seconds) {
    return decomposition == null || (combiningClass(decomposition[0]) == 0 && !seconds.get(decomposition[0]));
  }

  private static int combiningClass(int cp) {
    return isAssignedIn(cp, NORMALIZATION_VERSION) ? UCharacter.getCombiningClass(cp) : 0;
  }

  /** The recursive expansion of the raw decomposition mappings, without reordering, as the crate stores it. */
  private static int[] fullDecomposition(int cp, Normalizer2 normalizer) {
    String raw = normalizer.getRawDecomposition(cp);
    if (raw == null) return new int[] {cp};
    if (Hangul.isSyllable(cp) || !isAssignedIn(cp, NORMALIZATION_VERSION)) {
      throw new IllegalStateException("decomposition reaches " + hex(cp));
    }
    return raw.codePoints().flatMap(piece -> Arrays.stream(fullDecomposition(piece, normalizer))).toArray();
  }

  private static void writeDecompositions(DataOutputStream out, Map<Integer, int[]> decompositions) throws IOException {
    out.writeInt(decompositions.size());
    for (Map.Entry<Integer, int[]> entry : decompositions.entrySet()) {
      out.writeInt(entry.getKey());
      out.writeByte(entry.getValue().length);
      for (int piece : entry.getValue()) out.writeInt(piece);
    }
  }

  byte[] lowercase() {
    List<Integer> pool = new ArrayList<>();
    Map<Integer, Integer> mappingOffsets = new HashMap<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!isAssignedIn(cp, CASE_MAPPING_VERSION)) continue;
      String text = new String(Character.toChars(cp));
      // A string of one character has no context, so the full mapping is the context-free one.
      String lower = UCharacter.toLowerCase(ULocale.ROOT, text);
      if (lower.equals(text)) continue;
      mappingOffsets.put(cp, pool.size());
      pool.add(lower.codePointCount(0, lower.length()));
      lower.codePoints().forEach(pool::add);
    }
    return serialize(out -> {
      writeTable(out, cp -> mappingOffsets.containsKey(cp) ? 1 + mappingOffsets.get(cp) : 0);
      out.writeInt(pool.size());
      for (int value : pool) out.writeInt(value);
    });
  }

  byte[] scripts() {
    return serialize(out -> writeTable(out, cp -> {
      if (!isAssignedIn(cp, SCRIPTS_VERSION)) return 0;
      int script = FORMER_SCRIPTS.getOrDefault(cp, UScript.getScript(cp));
      return script == UScript.UNKNOWN ? 0 : script + 1;
    }));
  }

  /** The General_Category of {@code cp} in Unicode {@code version}, for a character assigned then. */
  private static int generalCategory(int cp, VersionInfo version) {
    return OLD_CATEGORIES.getOrDefault(version, Map.of()).getOrDefault(cp, UCharacter.getType(cp));
  }

  /** General_Category Mn, Mc or Me. */
  private static boolean isMark(int category) {
    return category >= UCharacterCategory.NON_SPACING_MARK && category <= UCharacterCategory.COMBINING_SPACING_MARK;
  }

  byte[] unicodeCategories() {
    return serialize(out -> writeTable(out, cp -> bertCategories(cp) | regexProperties(cp)));
  }

  /** The Unicode 8.0 bits of BertNormalizer's character classes. */
  private static int bertCategories(int cp) {
    if (!isAssignedIn(cp, UNICODE_CATEGORIES_VERSION)) return 0;
    int category = generalCategory(cp, UNICODE_CATEGORIES_VERSION);
    boolean other = category == UCharacterCategory.CONTROL
        || category == UCharacterCategory.FORMAT
        || category == UCharacterCategory.PRIVATE_USE;
    int classes = other ? UnicodeCategories.OTHER : 0;
    if (category == UCharacterCategory.NON_SPACING_MARK) classes |= UnicodeCategories.MARK_NONSPACING;
    return classes;
  }

  /**
   * The General_Category (as {@link Character#getType} numbers it; lone surrogates are Cs) and the
   * binary properties Alphabetic, Lowercase and Uppercase that Oniguruma's regex properties have, at
   * {@link #CHAR_CLASSES_VERSION}.
   */
  private static int regexProperties(int cp) {
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
      return Character.SURROGATE << UnicodeCategories.GENERAL_CATEGORY_SHIFT;
    }
    if (!isAssignedIn(cp, CHAR_CLASSES_VERSION)) return 0;
    int properties = javaCategory(generalCategory(cp, CHAR_CLASSES_VERSION)) << UnicodeCategories.GENERAL_CATEGORY_SHIFT;
    if (UCharacter.hasBinaryProperty(cp, UProperty.ALPHABETIC)) properties |= UnicodeCategories.ALPHABETIC;
    // Unicode 17 made U+0295 Lo (see OLD_CATEGORIES), which took it out of Lowercase (Ll + Other_Lowercase).
    if (UCharacter.hasBinaryProperty(cp, UProperty.LOWERCASE) || cp == 0x0295) properties |= UnicodeCategories.LOWERCASE;
    if (UCharacter.hasBinaryProperty(cp, UProperty.UPPERCASE)) properties |= UnicodeCategories.UPPERCASE;
    return properties;
  }

  /** ICU's General_Category number as {@link Character#getType} numbers the same category. */
  private static int javaCategory(int icuCategory) {
    return switch (icuCategory) {
      case UCharacterCategory.UNASSIGNED -> Character.UNASSIGNED;
      case UCharacterCategory.UPPERCASE_LETTER -> Character.UPPERCASE_LETTER;
      case UCharacterCategory.LOWERCASE_LETTER -> Character.LOWERCASE_LETTER;
      case UCharacterCategory.TITLECASE_LETTER -> Character.TITLECASE_LETTER;
      case UCharacterCategory.MODIFIER_LETTER -> Character.MODIFIER_LETTER;
      case UCharacterCategory.OTHER_LETTER -> Character.OTHER_LETTER;
      case UCharacterCategory.NON_SPACING_MARK -> Character.NON_SPACING_MARK;
      case UCharacterCategory.ENCLOSING_MARK -> Character.ENCLOSING_MARK;
      case UCharacterCategory.COMBINING_SPACING_MARK -> Character.COMBINING_SPACING_MARK;
      case UCharacterCategory.DECIMAL_DIGIT_NUMBER -> Character.DECIMAL_DIGIT_NUMBER;
      case UCharacterCategory.LETTER_NUMBER -> Character.LETTER_NUMBER;
      case UCharacterCategory.OTHER_NUMBER -> Character.OTHER_NUMBER;
      case UCharacterCategory.SPACE_SEPARATOR -> Character.SPACE_SEPARATOR;
      case UCharacterCategory.LINE_SEPARATOR -> Character.LINE_SEPARATOR;
      case UCharacterCategory.PARAGRAPH_SEPARATOR -> Character.PARAGRAPH_SEPARATOR;
      case UCharacterCategory.CONTROL -> Character.CONTROL;
      case UCharacterCategory.FORMAT -> Character.FORMAT;
      case UCharacterCategory.PRIVATE_USE -> Character.PRIVATE_USE;
      case UCharacterCategory.SURROGATE -> Character.SURROGATE;
      case UCharacterCategory.DASH_PUNCTUATION -> Character.DASH_PUNCTUATION;
      case UCharacterCategory.START_PUNCTUATION -> Character.START_PUNCTUATION;
      case UCharacterCategory.END_PUNCTUATION -> Character.END_PUNCTUATION;
      case UCharacterCategory.CONNECTOR_PUNCTUATION -> Character.CONNECTOR_PUNCTUATION;
      case UCharacterCategory.OTHER_PUNCTUATION -> Character.OTHER_PUNCTUATION;
      case UCharacterCategory.MATH_SYMBOL -> Character.MATH_SYMBOL;
      case UCharacterCategory.CURRENCY_SYMBOL -> Character.CURRENCY_SYMBOL;
      case UCharacterCategory.MODIFIER_SYMBOL -> Character.MODIFIER_SYMBOL;
      case UCharacterCategory.OTHER_SYMBOL -> Character.OTHER_SYMBOL;
      case UCharacterCategory.INITIAL_PUNCTUATION -> Character.INITIAL_QUOTE_PUNCTUATION;
      case UCharacterCategory.FINAL_PUNCTUATION -> Character.FINAL_QUOTE_PUNCTUATION;
      default -> throw new IllegalStateException("General_Category " + icuCategory);
    };
  }

  /**
   * Grapheme_Cluster_Break, Extended_Pictographic and Indic_Conjunct_Break as
   * {@link GraphemeClusters} packs them. Characters unassigned in the segmentation version keep their
   * default values: Other, except the default-ignorable ranges that are Control before assignment;
   * Extended_Pictographic covers reserved code points already.
   */
  byte[] graphemeClusterBreaks() {
    return serialize(out -> writeTable(out, cp -> {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) return GraphemeClusters.OTHER;
      boolean assigned = isAssignedIn(cp, SEGMENTATION_VERSION);
      int icuBreak = UCharacter.getIntPropertyValue(cp, UProperty.GRAPHEME_CLUSTER_BREAK);
      int value = assigned || icuBreak == UCharacter.GraphemeClusterBreak.CONTROL ? graphemeBreak(cp, icuBreak) : GraphemeClusters.OTHER;
      value = OLD_GRAPHEME_BREAKS.getOrDefault(cp, value);
      if (isExtendedPictographic16(cp)) value |= GraphemeClusters.EXTENDED_PICTOGRAPHIC;
      if (assigned) {
        value |= switch (indicConjunctBreak(cp)) {
          case NONE -> 0;
          case CONSONANT -> GraphemeClusters.CONJUNCT_CONSONANT;
          case EXTEND -> GraphemeClusters.CONJUNCT_EXTEND;
          case LINKER -> GraphemeClusters.CONJUNCT_LINKER;
        };
      }
      return value;
    }));
  }

  /**
   * Grapheme_Cluster_Break values of the segmentation version that Unicode has changed since (found by
   * the reference tests, which check every code point's class).
   */
  private static final Map<Integer, Integer> OLD_GRAPHEME_BREAKS = Map.of(0x11A3A, GraphemeClusters.PREPEND);

  /**
   * Extended_Pictographic of Unicode 16.0 (emoji-data.txt; unchanged since 13.0), reserved code points
   * included. Unicode 17 took many non-emoji symbols out of it, which ICU 78 follows; the reference tests
   * check every code point.
   */
  private static final int[][] EXTENDED_PICTOGRAPHIC_16 = {
    {0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x203C, 0x203C}, {0x2049, 0x2049}, {0x2122, 0x2122}, {0x2139, 0x2139},
    {0x2194, 0x2199}, {0x21A9, 0x21AA}, {0x231A, 0x231B}, {0x2328, 0x2328}, {0x2388, 0x2388}, {0x23CF, 0x23CF},
    {0x23E9, 0x23F3}, {0x23F8, 0x23FA}, {0x24C2, 0x24C2}, {0x25AA, 0x25AB}, {0x25B6, 0x25B6}, {0x25C0, 0x25C0},
    {0x25FB, 0x25FE}, {0x2600, 0x2605}, {0x2607, 0x2612}, {0x2614, 0x2685}, {0x2690, 0x2705}, {0x2708, 0x2712},
    {0x2714, 0x2714}, {0x2716, 0x2716}, {0x271D, 0x271D}, {0x2721, 0x2721}, {0x2728, 0x2728}, {0x2733, 0x2734},
    {0x2744, 0x2744}, {0x2747, 0x2747}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757},
    {0x2763, 0x2767}, {0x2795, 0x2797}, {0x27A1, 0x27A1}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2934, 0x2935},
    {0x2B05, 0x2B07}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x3030, 0x3030}, {0x303D, 0x303D},
    {0x3297, 0x3297}, {0x3299, 0x3299}, {0x1F000, 0x1F0FF}, {0x1F10D, 0x1F10F}, {0x1F12F, 0x1F12F},
    {0x1F16C, 0x1F171}, {0x1F17E, 0x1F17F}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F1AD, 0x1F1E5},
    {0x1F201, 0x1F20F}, {0x1F21A, 0x1F21A}, {0x1F22F, 0x1F22F}, {0x1F232, 0x1F23A}, {0x1F23C, 0x1F23F},
    {0x1F249, 0x1F3FA}, {0x1F400, 0x1F53D}, {0x1F546, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F774, 0x1F77F},
    {0x1F7D5, 0x1F7FF}, {0x1F80C, 0x1F80F}, {0x1F848, 0x1F84F}, {0x1F85A, 0x1F85F}, {0x1F888, 0x1F88F},
    {0x1F8AE, 0x1F8FF}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1FAFF}, {0x1FC00, 0x1FFFD}
  };

  private static boolean isExtendedPictographic16(int cp) {
    for (int[] range : EXTENDED_PICTOGRAPHIC_16) {
      if (cp >= range[0] && cp <= range[1]) return true;
    }
    return false;
  }

  /** The scripts whose consonants and viramas Indic_Conjunct_Break covered up to Unicode 16.0. */
  private static final Set<Integer> CONJUNCT_SCRIPTS = Set.of(
      UScript.DEVANAGARI, UScript.BENGALI, UScript.GUJARATI, UScript.ORIYA, UScript.TELUGU, UScript.MALAYALAM);

  /**
   * Indic_Conjunct_Break at the segmentation version. Unicode 17 extended Consonant and Linker to more
   * scripts; before, only six scripts had them, and the viramas of the others were Extend (the
   * reference tests check every consonant, virama and extending character).
   */
  private static UCharacter.IndicConjunctBreak indicConjunctBreak(int cp) {
    // ICU's int values of this property are the ordinals of its enum.
    UCharacter.IndicConjunctBreak current =
        UCharacter.IndicConjunctBreak.values()[UCharacter.getIntPropertyValue(cp, UProperty.INDIC_CONJUNCT_BREAK)];
    if (CONJUNCT_SCRIPTS.contains(UScript.getScript(cp))) return current;
    return switch (current) {
      case CONSONANT -> UCharacter.IndicConjunctBreak.NONE;
      case LINKER -> UCharacter.IndicConjunctBreak.EXTEND;
      default -> current;
    };
  }

  /** Whether the segmentation table has ICU's current properties for {@code cp}, none of the older ones. */
  static boolean segmentationAsIcu(int cp) {
    return !OLD_GRAPHEME_BREAKS.containsKey(cp)
        && isExtendedPictographic16(cp) == UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
        && indicConjunctBreak(cp).ordinal() == UCharacter.getIntPropertyValue(cp, UProperty.INDIC_CONJUNCT_BREAK);
  }

  private static int graphemeBreak(int cp, int icuBreak) {
    return switch (icuBreak) {
      case UCharacter.GraphemeClusterBreak.OTHER -> GraphemeClusters.OTHER;
      case UCharacter.GraphemeClusterBreak.CR -> GraphemeClusters.CR;
      case UCharacter.GraphemeClusterBreak.LF -> GraphemeClusters.LF;
      case UCharacter.GraphemeClusterBreak.CONTROL -> GraphemeClusters.CONTROL;
      case UCharacter.GraphemeClusterBreak.EXTEND -> GraphemeClusters.EXTEND;
      case UCharacter.GraphemeClusterBreak.ZWJ -> GraphemeClusters.ZWJ;
      case UCharacter.GraphemeClusterBreak.REGIONAL_INDICATOR -> GraphemeClusters.REGIONAL_INDICATOR;
      case UCharacter.GraphemeClusterBreak.PREPEND -> GraphemeClusters.PREPEND;
      case UCharacter.GraphemeClusterBreak.SPACING_MARK -> GraphemeClusters.SPACING_MARK;
      case UCharacter.GraphemeClusterBreak.L -> GraphemeClusters.L;
      case UCharacter.GraphemeClusterBreak.V -> GraphemeClusters.V;
      case UCharacter.GraphemeClusterBreak.T -> GraphemeClusters.T;
      case UCharacter.GraphemeClusterBreak.LV -> GraphemeClusters.LV;
      case UCharacter.GraphemeClusterBreak.LVT -> GraphemeClusters.LVT;
      default -> throw new IllegalStateException("Grapheme_Cluster_Break " + icuBreak + " at " + hex(cp));
    };
  }

  /** Assigned in {@code version} or before; lone surrogates never are. */
  static boolean isAssignedIn(int cp, VersionInfo version) {
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) return false;
    VersionInfo age = UCharacter.getAge(cp);
    return !age.equals(UNASSIGNED) && age.compareTo(version) <= 0;
  }

  /** Writes a {@link CodePointTable} in the form {@link CodePointTable#read} reads. */
  private static void writeTable(DataOutputStream out, IntUnaryOperator valueOf) throws IOException {
    Map<String, Integer> distinct = new HashMap<>();
    List<int[]> blocks = new ArrayList<>();
    int[] blockOf = new int[CodePointTable.BLOCK_COUNT];
    for (int b = 0; b < CodePointTable.BLOCK_COUNT; b++) {
      int[] values = new int[CodePointTable.BLOCK_SIZE];
      for (int i = 0; i < values.length; i++) {
        int value = valueOf.applyAsInt((b << CodePointTable.BLOCK_SHIFT) | i);
        if (value < 0 || value > 0xFFFF) throw new IllegalStateException("value does not fit 16 bits: " + value);
        values[i] = value;
      }
      blockOf[b] = distinct.computeIfAbsent(Arrays.toString(values), key -> {
        blocks.add(values);
        return blocks.size() - 1;
      });
    }
    out.writeShort(blocks.size());
    for (int block : blockOf) out.writeShort(block);
    for (int[] block : blocks) {
      for (int value : block) out.writeChar(value);
    }
  }

  private interface Content {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] serialize(Content content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      content.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String hex(int cp) {
    return String.format("U+%04X", cp);
  }
}
