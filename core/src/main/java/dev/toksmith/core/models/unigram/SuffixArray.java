package dev.toksmith.core.models.unigram;

import java.util.Arrays;

/**
 * Suffix arrays by induced sorting (SA-IS: Nong, Zhang and Chan, "Two Efficient Algorithms for Linear
 * Time Suffix Array Construction", 2011), in linear time, and the longest-common-prefix array by
 * Kasai's method.
 */
public final class SuffixArray {
  private SuffixArray() {}

  /**
   * The suffix array of {@code text}: the start positions of its suffixes in lexicographic order,
   * where a suffix that is a prefix of another comes first.
   *
   * @param alphabet every value of {@code text} is in {@code [0, alphabet)}
   */
  public static int[] of(int[] text, int alphabet) {
    int n = text.length;
    int[] sa = new int[n];
    if (n <= 1) return sa;
    sais(text, sa, n, alphabet);
    return sa;
  }

  /**
   * The LCP array: {@code lcp[i]} is the length of the longest common prefix of the suffixes at
   * {@code sa[i - 1]} and {@code sa[i]}, and {@code lcp[0]} is 0.
   */
  public static int[] lcp(int[] text, int[] sa) {
    return lcp(text, sa, Integer.MAX_VALUE);
  }

  /** The LCP array with every value above {@code cap} made {@code cap}. */
  public static int[] lcp(int[] text, int[] sa, int cap) {
    int n = text.length;
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) rank[sa[i]] = i;
    int[] lcp = new int[n];
    int h = 0;
    for (int i = 0; i < n; i++) {
      int r = rank[i];
      if (r == 0) {
        h = 0;
        continue;
      }
      int j = sa[r - 1];
      while (h < cap && i + h < n && j + h < n && text[i + h] == text[j + h]) h++;
      lcp[r] = h;
      if (h > 0) h--;
    }
    return lcp;
  }

  /** Sorts the suffixes of {@code s[0, n)} into {@code sa}; values of {@code s} are below {@code k}. */
  private static void sais(int[] s, int[] sa, int n, int k) {
    // Suffix types: true for S (smaller than the next suffix), false for L; the last suffix is S
    // when compared with the virtual sentinel that ends the text, so it is L here and handled by
    // putting it first in its bucket.
    boolean[] stype = new boolean[n];
    stype[n - 1] = false;
    for (int i = n - 2; i >= 0; i--) stype[i] = s[i] < s[i + 1] || (s[i] == s[i + 1] && stype[i + 1]);
    int[] bucket = new int[k];
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) counts[s[i]]++;

    // Step 1: put the LMS suffixes at the ends of their buckets, in text order, and induce.
    Arrays.fill(sa, -1);
    bucketEnds(counts, bucket);
    for (int i = n - 1; i >= 1; i--) if (isLms(stype, i)) sa[--bucket[s[i]]] = i;
    induce(s, sa, stype, counts, bucket, n);

    // Step 2: name the sorted LMS substrings.
    int m = 0;
    for (int i = 0; i < n; i++) if (isLms(stype, sa[i])) sa[m++] = sa[i];
    Arrays.fill(sa, m, n, -1);
    int name = 0;
    int previous = -1;
    for (int i = 0; i < m; i++) {
      int position = sa[i];
      if (previous < 0 || !sameLmsSubstring(s, stype, n, previous, position)) name++;
      previous = position;
      sa[m + (position >>> 1)] = name - 1;
    }
    int[] reduced = new int[m];
    for (int i = n - 1, j = m - 1; i >= m && j >= 0; i--) if (sa[i] >= 0) reduced[j--] = sa[i];

    // Step 3: sort the LMS suffixes by the reduced problem, recursively if names repeat.
    int[] reducedSa = new int[m];
    if (name < m) {
      sais(reduced, reducedSa, m, name);
    } else {
      for (int i = 0; i < m; i++) reducedSa[reduced[i]] = i;
    }
    int[] lms = new int[m];
    for (int i = 1, j = 0; i < n; i++) if (isLms(stype, i)) lms[j++] = i;
    Arrays.fill(sa, -1);
    bucketEnds(counts, bucket);
    for (int i = m - 1; i >= 0; i--) {
      int position = lms[reducedSa[i]];
      sa[--bucket[s[position]]] = position;
    }
    induce(s, sa, stype, counts, bucket, n);
  }

  private static boolean isLms(boolean[] stype, int i) {
    return i > 0 && stype[i] && !stype[i - 1];
  }

  private static boolean sameLmsSubstring(int[] s, boolean[] stype, int n, int a, int b) {
    for (int d = 0; ; d++) {
      if (a + d == n || b + d == n) return false;
      if (s[a + d] != s[b + d] || stype[a + d] != stype[b + d]) return false;
      if (d > 0 && (isLms(stype, a + d) || isLms(stype, b + d))) return isLms(stype, a + d) && isLms(stype, b + d);
    }
  }

  private static void induce(int[] s, int[] sa, boolean[] stype, int[] counts, int[] bucket, int n) {
    // L-type suffixes, left to right; the last suffix (before the virtual sentinel) goes first.
    bucketStarts(counts, bucket);
    sa[bucket[s[n - 1]]++] = n - 1;
    for (int i = 0; i < n; i++) {
      int j = sa[i] - 1;
      if (sa[i] > 0 && !stype[j]) sa[bucket[s[j]]++] = j;
    }
    // S-type suffixes, right to left.
    bucketEnds(counts, bucket);
    for (int i = n - 1; i >= 0; i--) {
      int j = sa[i] - 1;
      if (sa[i] > 0 && stype[j]) sa[--bucket[s[j]]] = j;
    }
  }

  private static void bucketStarts(int[] counts, int[] bucket) {
    int sum = 0;
    for (int c = 0; c < counts.length; c++) {
      bucket[c] = sum;
      sum += counts[c];
    }
  }

  private static void bucketEnds(int[] counts, int[] bucket) {
    int sum = 0;
    for (int c = 0; c < counts.length; c++) {
      sum += counts[c];
      bucket[c] = sum;
    }
  }
}
