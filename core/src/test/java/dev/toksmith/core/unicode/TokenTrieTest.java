package dev.toksmith.core.unicode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenTrieTest {
  /**
   * mayMatchIn against the plain question (does some byte of the range start a pattern?) on random
   * bytes and every range, for patterns sharing one first byte (scanned a word at a time), several
   * first bytes, a multi-byte first character, and a first byte of 0x80 and above (the word trick's
   * borrow must not invent a match).
   */
  @Test
  void mayMatchInSaysWhetherAByteStartsAPattern() {
    List<List<String>> sets = List.of(
        List.of("<|endoftext|>", "<|endofprompt|>"),
        List.of("[CLS]", "<mask>", "[SEP]"),
        List.of("é", "éa"),
        List.of("\u0080x"),
        List.of("\u00ff"),
        List.of("\u0001"));
    Random random = new Random(7);
    for (List<String> patterns : sets) {
      TokenTrie trie = new TokenTrie(patterns, List.of(patterns.stream().map(p -> 0).toArray(Integer[]::new)));
      boolean[] first = new boolean[256];
      for (String p : patterns) first[p.getBytes(StandardCharsets.UTF_8)[0] & 0xFF] = true;
      for (int round = 0; round < 300; round++) {
        byte[] text = new byte[random.nextInt(40)];
        for (int i = 0; i < text.length; i++) {
          // Mostly bytes next to the first bytes (borrows, neighbours), sometimes a first byte itself.
          int pick = random.nextInt(10);
          text[i] = (byte) (pick == 0 ? patterns.get(0).getBytes(StandardCharsets.UTF_8)[0] : pick < 5 ? random.nextInt(256) : '<' + random.nextInt(3) - 1 + (pick < 7 ? 0x80 : 0));
        }
        for (int from = 0; from <= text.length; from++) {
          for (int to = from; to <= text.length; to++) {
            boolean expected = false;
            for (int i = from; i < to; i++) expected |= first[text[i] & 0xFF];
            assertEquals(expected, trie.mayMatchIn(text, from, to), () -> patterns + " in " + java.util.Arrays.toString(text));
          }
        }
      }
    }
  }
}
