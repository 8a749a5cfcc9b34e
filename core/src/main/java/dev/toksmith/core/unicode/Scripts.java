package dev.toksmith.core.unicode;

/**
 * The Unicode script of each character as Hugging Face's {@code UnicodeScripts} pre-tokenizer knows
 * it: the table SentencePiece generated from Unicode 9.0, so characters assigned later have no script.
 * Scripts are ICU's {@code UScript} codes.
 */
public final class Scripts {
  static final String RESOURCE = "scripts.bin";

  /** Returned for characters the table does not list. */
  public static final int NONE = -1;
  /** ICU's code for Han. */
  public static final int HAN = 17;
  /** ICU's code for Hiragana. */
  public static final int HIRAGANA = 20;
  /** ICU's code for Katakana. */
  public static final int KATAKANA = 22;

  /** Per code point, 0 for none, otherwise the script code plus one. */
  private static final CodePointTable TABLE = CodePointTable.readResource(RESOURCE);

  private Scripts() {}

  /** The script of {@code cp}, or {@link #NONE}; lone surrogates and non-code points have none. */
  public static int scriptOf(int cp) {
    if (cp < 0 || cp > Character.MAX_CODE_POINT) return NONE;
    return TABLE.get(cp) - 1;
  }
}
