package dev.toksmith;

import dev.toksmith.core.AddedToken;
import java.util.HashSet;
import java.util.List;

/** Checks of the settings the trainers share. */
final class TrainerSettings {
  private TrainerSettings() {}

  /**
   * @throws IllegalArgumentException unless there is at least one thread, the minimum frequency is
   *     not negative, and the special tokens are distinct and not empty
   */
  static void check(int threads, long minFrequency, List<String> specialTokens) {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
    if (minFrequency < 0) throw new IllegalArgumentException("minimum frequency must not be negative: " + minFrequency);
    if (new HashSet<>(specialTokens).size() != specialTokens.size()) throw new IllegalArgumentException("special tokens repeat: " + specialTokens);
    for (String s : specialTokens) if (s.isEmpty()) throw new IllegalArgumentException("a special token is empty");
  }

  /** @throws IllegalArgumentException unless {@code specialTokens} include {@code unknown}, the unknown token of a word-level model */
  static void requireUnknown(List<String> specialTokens, String unknown) {
    if (!specialTokens.contains(unknown)) throw new IllegalArgumentException("the special tokens must include " + unknown + ", the unknown token: " + specialTokens);
  }

  /** @throws IllegalArgumentException if a vocabulary of {@code vocabSize} cannot hold {@code specialTokens} */
  static void requireRoom(int vocabSize, List<String> specialTokens) {
    if (vocabSize < specialTokens.size()) throw new IllegalArgumentException("vocabulary size " + vocabSize + " is below the " + specialTokens.size() + " special tokens");
  }

  /** The special tokens as a trained tokenizer's added tokens, ids 0..k-1 in this order. */
  static List<AddedToken> addedTokens(List<String> specialTokens) {
    return specialTokens.stream().map(AddedToken::special).toList();
  }
}
