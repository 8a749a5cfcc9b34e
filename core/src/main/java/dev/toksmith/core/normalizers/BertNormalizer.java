package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.CaseMapping;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.UnicodeCategories;
import dev.toksmith.core.unicode.UnicodeNormalization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code BertNormalizer}, its steps in its order and with its character classes:
 *
 * <ol>
 *   <li>clean text: remove U+0000, U+FFFD and control characters (General_Category Cc, Cf or Co in the
 *       Unicode 8.0 tables of the {@code unicode_categories} crate, except tab, line feed and carriage
 *       return), then turn white space (those three and White_Space) into a space;
 *   <li>Chinese characters: a space before and after every CJK ideograph of the ranges BERT lists;
 *   <li>strip accents: NFD, then remove nonspacing marks (Mn, Unicode 8.0); by default on exactly when
 *       lowercasing is;
 *   <li>lowercase, as the Lowercase normalizer.
 * </ol>
 */
public final class BertNormalizer implements Normalizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "BertNormalizer";

  private final boolean cleanText;
  private final boolean handleChineseChars;
  private final Boolean stripAccents;
  private final boolean lowercase;

  /**
   * @param stripAccents null to strip accents exactly when lowercasing, as the reference's {@code None}
   */
  public BertNormalizer(boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase) {
    this.cleanText = cleanText;
    this.handleChineseChars = handleChineseChars;
    this.stripAccents = stripAccents;
    this.lowercase = lowercase;
  }

  public boolean cleanText() {
    return cleanText;
  }

  public boolean handleChineseChars() {
    return handleChineseChars;
  }

  /** As configured: null means "follow {@link #lowercase()}". */
  public Boolean stripAccents() {
    return stripAccents;
  }

  public boolean lowercase() {
    return lowercase;
  }

  /** Each character is normalized on its own. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return true;
  }

  /** Whether accents are stripped: as configured, or when lowercasing if not configured. */
  public boolean stripsAccents() {
    return stripAccents == null ? lowercase : stripAccents;
  }

  @Override
  public void normalize(NormalizedString text) {
    if (cleanText) {
      text.filter(cp -> !isRemovedByCleaning(cp));
      CharacterMaps.map(text, cp -> isWhitespace(cp) ? ' ' : cp);
    }
    if (handleChineseChars) spaceChineseChars(text);
    if (stripsAccents()) {
      UnicodeNormalization.normalize(text, UnicodeNormalization.Form.NFD);
      text.filter(cp -> !UnicodeCategories.isMarkNonspacing(cp));
    }
    if (lowercase) CaseMapping.lowercase(text);
  }

  private static void spaceChineseChars(NormalizedString text) {
    String s = text.get();
    int[] codePoints = new int[s.length() * 3];
    int[] changes = new int[codePoints.length];
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isChineseChar(cp)) {
        // The first space replaces the ideograph, which comes back inserted, followed by another space.
        codePoints[n] = ' ';
        codePoints[n + 1] = cp;
        changes[n + 1] = 1;
        codePoints[n + 2] = ' ';
        changes[n + 2] = 1;
        n += 3;
      } else {
        codePoints[n++] = cp;
      }
    }
    text.transform(codePoints, changes, n);
  }

  /** Whether clean text removes {@code cp}: NUL, U+FFFD and control characters. */
  public static boolean isRemovedByCleaning(int cp) {
    return cp == 0 || cp == 0xFFFD || isControl(cp);
  }

  /** Whether clean text turns {@code cp} into a space. */
  public static boolean isWhitespace(int cp) {
    return cp == '\t' || cp == '\n' || cp == '\r' || CharClasses.isWhiteSpace(cp);
  }

  private static boolean isControl(int cp) {
    return cp != '\t' && cp != '\n' && cp != '\r' && UnicodeCategories.isOther(cp);
  }

  /** The CJK ideograph blocks of BERT's {@code _is_chinese_char}, which get a space on both sides. */
  public static boolean isChineseChar(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("clean_text", cleanText);
    p.put("handle_chinese_chars", handleChineseChars);
    if (stripAccents != null) p.put("strip_accents", stripAccents);
    p.put("lowercase", lowercase);
    return new Stage(TYPE, p, List.of());
  }
}
