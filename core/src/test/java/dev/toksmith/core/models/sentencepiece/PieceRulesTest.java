package dev.toksmith.core.models.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link PieceRules} on the cases of SentencePiece's own {@code IsValidSentencePieceTest}
 * (trainer_interface_test.cc), each with the verdict that test expects of {@code
 * IsValidSentencePiece}, for the settings toksmith offers (it always splits by whitespace).
 */
class PieceRulesTest {
  private static final String WS = "\u2581";

  @Test
  void defaultSettings() {
    UnaryOperator<TrainerSpec> defaults = s -> s;
    expect(defaults, "", false);
    expect(defaults, "12345678912345678", false); // longer than 16
    expect(defaults, "a", true);
    expect(defaults, WS, true);
    expect(defaults, WS + "a", true);
    expect(defaults, "a" + WS, false);
    expect(defaults, WS + "a" + WS, false);
    expect(defaults, "a" + WS + "b", false);
    expect(defaults, "a" + WS + "b" + WS, false);
    expect(defaults, "あいう", true);
    expect(defaults, "グーグル", true); // U+30FC counts as Katakana, and Katakana as Han
    expect(defaults, "食べる", true);
    expect(defaults, "漢字ABC", false);
    expect(defaults, "F1", false);
    expect(defaults, "1F", false);
    expect(defaults, "1A2", false);
    expect(defaults, "$10", true); // both Common
    expect(defaults, "$ABC", false);
    expect(defaults, "ab\tbc", false); // the tab is the boundary special pieces become
    expect(defaults, "ab cd", false);
    expect(defaults, "\0\0", false);
    expect(defaults, "\0", false);
    expect(defaults, "proteïni", true); // the combining diaeresis takes the script before it
    expect(defaults, "ثَبَّتَ", true);
  }

  @Test
  void whitespaceOnlyPieces() {
    UnaryOperator<TrainerSpec> allow = s -> with(s, "allowWhitespaceOnlyPieces", true);
    expect(allow, WS, true);
    expect(allow, WS + WS, true);
    expect(allow, WS + WS + WS, true);
    expect(allow, WS + WS + "a", false); // splitting by whitespace, a space stays first and alone
    expect(allow, "a" + WS + WS, false);
    expect(s -> s, WS + WS, false);
  }

  @Test
  void scriptsAndNumbers() {
    UnaryOperator<TrainerSpec> noScripts = s -> with(s, "splitByUnicodeScript", false);
    for (String piece : List.of("あいう", "グーグル", "食べる", "漢字ABC", "F1", "$10", "$ABC")) expect(noScripts, piece, true);
    UnaryOperator<TrainerSpec> noNumbers = s -> with(s, "splitByNumber", false);
    expect(noNumbers, "F1", true);
    expect(noNumbers, "$10", true);
    UnaryOperator<TrainerSpec> neither = s -> with(with(s, "splitByNumber", false), "splitByUnicodeScript", false);
    expect(neither, "F1", true);
    expect(neither, "$10", true);
  }

  @Test
  void lengthDigitsAndSuffix() {
    UnaryOperator<TrainerSpec> four = s -> withMaxLength(s, 4);
    expect(four, "1234", true);
    expect(four, "12345", false);
    UnaryOperator<TrainerSpec> digits = s -> with(s, "splitDigits", true);
    expect(digits, "1", true);
    expect(digits, "12", false);
    expect(digits, "a1", false);
    expect(digits, "$", true);
    UnaryOperator<TrainerSpec> suffix = s -> with(s, "treatWhitespaceAsSuffix", true);
    expect(suffix, "a" + WS, true);
    expect(suffix, WS + "a", false);
    expect(suffix, WS, true);
  }

  private static void expect(UnaryOperator<TrainerSpec> settings, String piece, boolean valid) {
    TrainerSpec spec = settings.apply(TrainerSpec.defaults(SentencePieceModel.Algorithm.UNIGRAM));
    // The piece's characters, numbered, then the unknown character.
    Map<Integer, Integer> ids = new LinkedHashMap<>();
    piece.codePoints().forEach(cp -> ids.putIfAbsent(cp, ids.size()));
    int[] alphabet = new int[ids.size() + 1];
    ids.forEach((cp, id) -> alphabet[id] = cp);
    alphabet[ids.size()] = SentenceCounter.UNKNOWN;
    int[] chars = piece.codePoints().map(ids::get).toArray();
    assertEquals(valid, new PieceRules(alphabet, spec).isValid(chars, 0, chars.length), () -> "'" + piece + "'");
  }

  private static TrainerSpec withMaxLength(TrainerSpec s, int length) {
    return new TrainerSpec(s.modelType(), s.vocabSize(), s.characterCoverage(), s.byteFallback(), s.splitDigits(), s.splitByUnicodeScript(), s.splitByNumber(),
        s.allowWhitespaceOnlyPieces(), length, s.normalization(), s.userDefinedSymbols(), s.inputSentenceSize(), s.shuffleInputSentence(), s.seedSize(),
        s.shrinkingFactor(), s.numSubIterations(), s.treatWhitespaceAsSuffix(), s.addDummyPrefix(), s.removeExtraWhitespaces(), s.maxSentenceLength(), s.threads());
  }

  private static TrainerSpec with(TrainerSpec s, String flag, boolean on) {
    return new TrainerSpec(s.modelType(), s.vocabSize(), s.characterCoverage(), s.byteFallback(), flag.equals("splitDigits") ? on : s.splitDigits(),
        flag.equals("splitByUnicodeScript") ? on : s.splitByUnicodeScript(), flag.equals("splitByNumber") ? on : s.splitByNumber(),
        flag.equals("allowWhitespaceOnlyPieces") ? on : s.allowWhitespaceOnlyPieces(), s.maxPieceLength(), s.normalization(), s.userDefinedSymbols(),
        s.inputSentenceSize(), s.shuffleInputSentence(), s.seedSize(), s.shrinkingFactor(), s.numSubIterations(),
        flag.equals("treatWhitespaceAsSuffix") ? on : s.treatWhitespaceAsSuffix(), s.addDummyPrefix(), s.removeExtraWhitespaces(), s.maxSentenceLength(), s.threads());
  }
}
