package dev.toksmith.core.models.unicode;

import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.Scripts;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the n-grams a Unicode-glyph vocabulary learns: runs of letters and marks of one script
 * (a mark of the Inherited script belongs to the run it follows), each character a token of its own;
 * every n-gram of each asked size inside a run is counted, overlapping ones included. Spaces, digits,
 * punctuation and Common-script characters end a run, so n-grams never cross a word. Not
 * thread-safe: one counter per reading thread.
 */
public final class NgramCounter {
  private static final int COMMON = 0;
  private static final int INHERITED = 1;

  private final int[] sizes;
  private final Int2ObjectOpenHashMap<Object2LongOpenHashMap<String>> countsByScript = new Int2ObjectOpenHashMap<>();
  private final StringBuilder run = new StringBuilder();
  private int runScript = Scripts.NONE;

  /** @param sizes the n-gram lengths to count, in characters, each at least 2 */
  public NgramCounter(int[] sizes) {
    for (int n : sizes) if (n < 2) throw new IllegalArgumentException("n-gram size " + n + " is below 2");
    this.sizes = sizes.clone();
  }

  /** Counts the n-grams of one document. */
  public void add(String document) {
    for (int i = 0; i < document.length(); ) {
      int cp = document.codePointAt(i);
      i += Character.charCount(cp);
      int script = scriptInRun(cp);
      if (script != runScript) endRun();
      if (script == Scripts.NONE) continue;
      runScript = script;
      run.appendCodePoint(cp);
    }
    endRun();
  }

  /** The script {@code cp} continues or starts a run with, or NONE when it ends any run. */
  private int scriptInRun(int cp) {
    if (!UnicodeVocabulary.hasOwnId(cp) || (CharClasses.classesOf(cp) & (CharClasses.LETTER | CharClasses.MARK)) == 0) return Scripts.NONE;
    int script = Scripts.scriptOf(cp);
    if (script == INHERITED) return runScript;
    return script == COMMON ? Scripts.NONE : script;
  }

  private void endRun() {
    if (run.length() > 0) {
      Object2LongOpenHashMap<String> counts = countsByScript.computeIfAbsent(runScript, s -> new Object2LongOpenHashMap<>());
      // Runs hold BMP characters only (each has an id of its own), so chars are code points.
      for (int n : sizes) {
        for (int start = 0; start + n <= run.length(); start++) counts.addTo(run.substring(start, start + n), 1);
      }
      run.setLength(0);
    }
    runScript = Scripts.NONE;
  }

  /** Distinct n-grams counted, over all scripts. */
  public long distinct() {
    long n = 0;
    for (Object2LongOpenHashMap<String> counts : countsByScript.values()) n += counts.size();
    return n;
  }

  /**
   * The n-grams to learn: for each script and each size, the {@code perScript} most frequent seen at
   * least {@code minCount} times (ties in code point order). When more than {@code capacity} are
   * chosen, the most frequent {@code capacity} stay. An n-gram no split of which has both halves in
   * the vocabulary (single characters or chosen n-grams) could never be produced and is dropped.
   * The result is ordered longest first, then most frequent first, as the vocabulary places them.
   */
  public List<String> select(int perScript, long minCount, int capacity) {
    Map<String, Long> chosen = new LinkedHashMap<>();
    Comparator<Object2LongMap.Entry<String>> byCount = Comparator.<Object2LongMap.Entry<String>>comparingLong(Object2LongMap.Entry::getLongValue).reversed()
        .thenComparing(Object2LongMap.Entry::getKey);
    int[] scripts = countsByScript.keySet().toIntArray();
    java.util.Arrays.sort(scripts);
    for (int script : scripts) {
      for (int n : sizes) {
        List<Object2LongMap.Entry<String>> candidates = new ArrayList<>();
        for (Object2LongMap.Entry<String> e : countsByScript.get(script).object2LongEntrySet()) {
          if (e.getKey().length() == n && e.getLongValue() >= minCount) candidates.add(e);
        }
        candidates.sort(byCount);
        for (Object2LongMap.Entry<String> e : candidates.subList(0, Math.min(perScript, candidates.size()))) chosen.merge(e.getKey(), e.getLongValue(), Long::sum);
      }
    }
    Comparator<Map.Entry<String, Long>> frequentFirst = Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
    List<Map.Entry<String, Long>> entries = new ArrayList<>(chosen.entrySet());
    entries.sort(frequentFirst);
    if (entries.size() > capacity) entries = new ArrayList<>(entries.subList(0, capacity));
    entries.sort(Comparator.comparingInt((Map.Entry<String, Long> e) -> e.getKey().length()).thenComparing(frequentFirst));
    Set<String> reachable = new HashSet<>();
    List<Map.Entry<String, Long>> kept = new ArrayList<>();
    for (Map.Entry<String, Long> e : entries) {
      String s = e.getKey();
      for (int split = 1; split < s.length(); split++) {
        if (isToken(s.substring(0, split), reachable) && isToken(s.substring(split), reachable)) {
          reachable.add(s);
          kept.add(e);
          break;
        }
      }
    }
    kept.sort(Comparator.comparingInt((Map.Entry<String, Long> e) -> e.getKey().length()).reversed().thenComparing(frequentFirst));
    return kept.stream().map(Map.Entry::getKey).toList();
  }

  private static boolean isToken(String s, Set<String> ngrams) {
    return s.length() == 1 || ngrams.contains(s);
  }
}
