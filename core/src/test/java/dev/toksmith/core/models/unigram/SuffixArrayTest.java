package dev.toksmith.core.models.unigram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SA-IS and Kasai against sorting every suffix by comparison, on random texts of small and large alphabets. */
class SuffixArrayTest {
  @Test
  void sortsSuffixesAsComparisonDoes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 400; round++) {
      int alphabet = 1 + random.nextInt(round % 3 == 0 ? 2 : round % 3 == 1 ? 5 : 300);
      int[] text = new int[random.nextInt(1, 200)];
      for (int i = 0; i < text.length; i++) text[i] = random.nextInt(alphabet);
      int[] expected = naive(text);
      int[] sa = SuffixArray.of(text, alphabet);
      assertArrayEquals(expected, sa, () -> "suffix array of " + Arrays.toString(text));
      assertArrayEquals(naiveLcp(text, expected), SuffixArray.lcp(text, sa), () -> "LCP of " + Arrays.toString(text));
    }
  }

  @Test
  void handlesRepetitiveTexts() {
    for (int n = 1; n < 70; n++) {
      int[] same = new int[n];
      int[] periodic = new int[n];
      for (int i = 0; i < n; i++) periodic[i] = i % 3 == 2 ? 0 : 1;
      assertArrayEquals(naive(same), SuffixArray.of(same, 1));
      assertArrayEquals(naive(periodic), SuffixArray.of(periodic, 2));
    }
  }

  private static int[] naive(int[] text) {
    Integer[] order = new Integer[text.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Arrays.compare(text, a, text.length, text, b, text.length));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private static int[] naiveLcp(int[] text, int[] sa) {
    int[] lcp = new int[sa.length];
    for (int i = 1; i < sa.length; i++) {
      int h = 0;
      while (sa[i] + h < text.length && sa[i - 1] + h < text.length && text[sa[i] + h] == text[sa[i - 1] + h]) h++;
      lcp[i] = h;
    }
    return lcp;
  }
}
