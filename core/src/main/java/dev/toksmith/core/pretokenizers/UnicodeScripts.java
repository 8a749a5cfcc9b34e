package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.Scripts;

/**
 * Hugging Face's {@code UnicodeScripts} pre-tokenizer: splits where the script changes, with
 * SentencePiece's adjustments (Hiragana, Katakana and U+30FC count as Han). The space and characters
 * without a script (assigned after Unicode 9.0) belong to any script, so they stay with the text
 * before them; like the reference, such characters at the very start of the text are dropped.
 */
public final class UnicodeScripts implements PreTokenizer {
  public static final UnicodeScripts INSTANCE = new UnicodeScripts();

  private UnicodeScripts() {}

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    String text = segment.get();
    int pieceStart = -1;
    int lastScript = Scripts.NONE;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int script = fixedScript(cp);
      if (script != Scripts.NONE && script != lastScript) {
        if (pieceStart >= 0) pieces.piece(segment, pieceStart, i);
        pieceStart = i;
        lastScript = script;
      }
      i += Character.charCount(cp);
    }
    if (pieceStart >= 0) pieces.piece(segment, pieceStart, text.length());
  }

  private static int fixedScript(int cp) {
    if (cp == 0x30FC) return Scripts.HAN;
    if (cp == ' ') return Scripts.NONE;
    int script = Scripts.scriptOf(cp);
    return script == Scripts.HIRAGANA || script == Scripts.KATAKANA ? Scripts.HAN : script;
  }

  @Override
  public Stage describe() {
    return Stage.of("UnicodeScripts");
  }
}
