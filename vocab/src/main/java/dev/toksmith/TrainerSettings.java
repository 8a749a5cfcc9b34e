package dev.toksmith;

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
}
