package dev.toksmith.cli;

import dev.toksmith.BoundaryConsistency;
import dev.toksmith.ComparisonResults;
import dev.toksmith.DatasetResult;
import dev.toksmith.MeanResult;
import dev.toksmith.MergeResult;
import dev.toksmith.MergeSetting;
import dev.toksmith.RelativeSize;
import dev.toksmith.TermFertility;
import dev.toksmith.VocabularyOverlap;
import dev.toksmith.WordPooledResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code toksmith compare} prints, as a model the four renderers ({@link CompareTable}, {@link
 * CompareMarkdown}, {@link CompareCsv}, {@link CompareJson}) lay out. {@code table} and {@code markdown} show
 * titled sections (datasets, tokens per dataset, means, relative size, word-pooled figures, dynamic
 * merging, terms, overlap); {@code csv} and {@code json} give one record per tokenizer x dataset, carrying the
 * per-tokenizer figures (tokens per term, overlap, boundary consistency) on each of that tokenizer's
 * records. Ratios whose denominator is zero, and figures that do not apply to a tokenizer, print as
 * {@code n/a}, an empty CSV field or JSON {@code null}.
 */
final class CompareReport {
  enum Format {
    table,
    markdown,
    csv,
    json
  }

  /** One titled section; {@code align} has one letter per column: {@code l} for text, {@code r} for numbers. */
  record Section(String title, List<String> header, String align, List<List<String>> rows, List<String> notes) {}

  /**
   * Boundary consistency of every ordinary (not word-pooled) tokenizer on one group of noisy/clean
   * pairs, pooled over its pairs.
   *
   * @param perTokenizer by tokenizer name, in the comparison's tokenizer order
   */
  record PairGroup(String name, int pairs, Map<String, BoundaryConsistency> perTokenizer) {}

  private final ComparisonResults comparison;
  private final String baseline;
  private final Map<String, List<TermFertility>> terms;
  private final List<VocabularyOverlap> overlaps;
  private final int worstTerms;
  private final List<PairGroup> pairGroups;

  /**
   * @param baseline the baseline's name, or null
   * @param terms by term list name, one fertility per tokenizer in the comparison's order
   * @param overlaps the vocabulary overlap of every pair of tokenizers
   * @param worstTerms how many worst-cut terms to show per tokenizer and list
   * @param pairGroups boundary consistency on noisy/clean pairs, by group
   */
  CompareReport(ComparisonResults comparison, String baseline, Map<String, List<TermFertility>> terms, List<VocabularyOverlap> overlaps, int worstTerms,
      List<PairGroup> pairGroups) {
    this.comparison = comparison;
    this.baseline = baseline;
    this.terms = terms;
    this.overlaps = overlaps;
    this.worstTerms = worstTerms;
    this.pairGroups = pairGroups;
  }

  String render(Format format) {
    return switch (format) {
      case table -> CompareTable.render(sections());
      case markdown -> CompareMarkdown.render(sections());
      case csv -> CompareCsv.render(records());
      case json -> CompareJson.render(records());
    };
  }

  private List<Section> sections() {
    List<Section> sections = new ArrayList<>();
    List<String> datasets = comparison.datasetNames();
    String first = comparison.tokenizerNames().get(0);
    List<List<String>> rows = new ArrayList<>();
    List<String> datasetNotes = new ArrayList<>(List.of("Characters are Unicode code points; words are runs of non-white-space characters."));
    for (String d : datasets) {
      DatasetResult r = comparison.result(first, d);
      rows.add(List.of(d, count(r.documents()), count(r.characters()), count(r.words()), count(r.bytes())));
      if (r.invalidUtf8Sequences() > 0) {
        datasetNotes.add("Invalid UTF-8 in " + d + ": " + r.invalidUtf8Sequences() + " sequences read as U+FFFD (counted as the bytes they replaced).");
      }
    }
    sections.add(new Section("Datasets", List.of("dataset", "documents", "characters", "words", "bytes"), "lrrrr", rows, datasetNotes));

    rows = new ArrayList<>();
    for (DatasetResult r : comparison.datasetResults()) {
      rows.add(List.of(r.tokenizer(), r.dataset(), count(r.tokens()), fixed(r.tokensPerCharacter(), 4), fixed(r.tokensPerWord(), 3),
          fixed(r.charactersPerToken(), 3), fixed(r.bytesPerToken(), 3), percent(r.fallbackShare())));
    }
    sections.add(new Section("Tokens per dataset", List.of("tokenizer", "dataset", "tokens", "TPC", "tokens/word", "chars/token", "bytes/token", "unk+fallback"), "llrrrrrr", rows,
        tokenNotes()));

    if (datasets.size() > 1) {
      rows = new ArrayList<>();
      for (String t : comparison.tokenizerNames()) {
        MeanResult m = comparison.mean(t);
        rows.add(List.of(t, fixed(m.tokensPerCharacter(), 4), fixed(m.tokensPerWord(), 3), fixed(m.charactersPerToken(), 3), fixed(m.bytesPerToken(), 3), percent(m.fallbackShare())));
      }
      sections.add(new Section("Mean over " + datasets.size() + " datasets (unweighted)", List.of("tokenizer", "TPC", "tokens/word", "chars/token", "bytes/token", "unk+fallback"), "lrrrrr", rows,
          List.of("Each dataset counts the same, whatever its size.")));
    }

    if (baseline != null && comparison.tokenizerNames().size() > 1) {
      rows = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      for (String t : comparison.tokenizerNames()) {
        if (t.equals(baseline)) continue;
        for (String d : datasets) rows.add(relativeRow(comparison.relativeSize(t, baseline, d), d));
        if (datasets.size() > 1) {
          RelativeSize overall = comparison.relativeSize(t, baseline);
          rows.add(relativeRow(overall, "mean TPC"));
          notes.add("Over all datasets (mean TPC): " + overall.sentence() + ".");
        } else {
          notes.add(comparison.relativeSize(t, baseline, datasets.get(0)).sentence() + ".");
        }
      }
      sections.add(new Section("Relative to baseline " + baseline, List.of("tokenizer", "dataset", "tokens ratio", "tokenizer uses", "baseline uses"), "llrrr", rows, notes));
    }

    List<WordPooledResult> pooled = comparison.wordPooledResults();
    if (!pooled.isEmpty()) {
      rows = new ArrayList<>();
      for (WordPooledResult w : pooled) {
        rows.add(List.of(w.tokenizer(), w.dataset(), count(w.maxUnits()), count(w.words()), fixed(w.wordsPerCharacter(), 4), fixed(w.unitsPerWord(), 3),
            w.words() == 0 ? "n/a" : count(w.p95UnitsPerWord()), percent(w.overflowShare())));
      }
      sections.add(new Section("Word-pooled tokenizers", List.of("tokenizer", "dataset", "max units", "words", "words/char", "units/word", "p95 units", "overflow"), "llrrrrrr", rows,
          List.of("Words as word-pooled tokenizers cut text (punctuation its own word, a single space leading the next word); units/word before "
              + "long words are cut into rows; p95 = 95th percentile (nearest rank); overflow = share of words with more than max units units.")));
    }

    List<MergeResult> merged = comparison.mergeResults();
    if (!merged.isEmpty()) {
      rows = new ArrayList<>();
      for (MergeResult m : merged) {
        rows.add(List.of(m.tokenizer(), m.dataset(), count(m.stats().sequences()), count(m.stats().merges()), fixed(m.baseLength(), 2), fixed(m.mergedLength(), 2),
            fixed(m.wordLength(), 2), Double.isNaN(m.reduction()) ? "n/a" : Decimals.fixed(m.reduction(), 2) + "%"));
      }
      MergeSetting setting = merged.get(0).setting();
      sections.add(new Section("Dynamic merging (batches of " + setting.batchSize() + " lines, at most " + setting.merges() + " merges each)",
          List.of("tokenizer", "dataset", "lines", "merges", "L0", "L(m)", "L_word", "reduction"), "llrrrrrr", rows,
          List.of("Tokens per non-blank line: L0 the tokenizer's, L(m) after merging, L_word one per pre-token; reduction = 100 (L0 - L(m)) / (L0 - L_word), "
              + "the way to word level merging went. Merges stay inside pre-tokens, as toksmith merge does.")));
    }

    if (!terms.isEmpty()) {
      rows = new ArrayList<>();
      List<List<String>> worst = new ArrayList<>();
      for (Map.Entry<String, List<TermFertility>> list : terms.entrySet()) {
        for (TermFertility f : list.getValue()) {
          rows.add(List.of(list.getKey(), f.tokenizer(), count(f.segmentations().size()), count(f.tokens()), fixed(f.tokensPerTerm(), 2)));
          for (TermFertility.Segmentation s : f.worst(worstTerms)) {
            worst.add(List.of(list.getKey(), f.tokenizer(), TokenDisplay.escaped(s.term()), count(s.tokens().size()), TokenDisplay.segmentation(s.tokens())));
          }
        }
      }
      sections.add(new Section("Tokens per term", List.of("terms", "tokenizer", "count", "tokens", "tokens/term"), "llrrr", rows,
          List.of("Each term is encoded alone, without a leading space, as the KL3M paper counts.")));
      sections.add(new Section("Worst-cut terms", List.of("terms", "tokenizer", "term", "tokens", "segmentation"), "lllrl", worst, List.of("␣ marks a space inside a token; \\xNN a byte of a character split across tokens.")));
    }

    if (!pairGroups.isEmpty()) {
      rows = new ArrayList<>();
      for (String t : comparison.tokenizerNames()) {
        for (PairGroup g : pairGroups) {
          BoundaryConsistency b = g.perTokenizer().get(t);
          if (b != null) rows.add(List.of(t, g.name(), count(g.pairs()), count(b.cleanBoundaries()), count(b.kept()), percent(b.share())));
        }
      }
      sections.add(new Section("Boundary consistency on noisy/clean pairs", List.of("tokenizer", "pairs", "count", "clean boundaries", "kept", "share"), "llrrrr", rows,
          List.of("The share of the clean texts' token boundaries that the noisy texts keep, aligned by character edits; higher is better.")));
    }

    if (!overlaps.isEmpty()) {
      rows = new ArrayList<>();
      for (VocabularyOverlap o : overlaps) {
        rows.add(List.of(o.first(), o.second(), count(o.firstSize()), count(o.secondSize()), count(o.shared()), fixed(o.jaccard(), 4)));
      }
      sections.add(new Section("Vocabulary overlap", List.of("tokenizer", "other", "forms", "other forms", "shared", "Jaccard"), "llrrrr", rows,
          List.of("Forms are distinct token surface texts (bytes a token adds to text); specials left out.")));
    }
    return sections;
  }

  private List<String> tokenNotes() {
    List<String> notes = new ArrayList<>();
    notes.add("TPC = tokens per character, lower is better; unk+fallback = share of unknown and <0xNN> byte-fallback tokens.");
    if (!comparison.wordPooledResults().isEmpty()) {
      notes.add("A word-pooled tokenizer's tokens are its rows: one per word, plus a continuation row per max units more units.");
    }
    return notes;
  }

  private static List<String> relativeRow(RelativeSize r, String dataset) {
    String tokenizerUses = r.tokenizerClause() == null ? "n/a" : r.tokenizerClause();
    String baselineUses = r.baselineClause() == null ? "n/a" : r.baselineClause();
    return List.of(r.tokenizer(), dataset, fixed(r.ratio(), 4), tokenizerUses, baselineUses);
  }

  /**
   * One record per tokenizer x dataset, fields in a fixed order. JSON nests the per-tokenizer maps
   * ({@code tokens_per_term}, {@code vocabulary_overlap}, {@code boundary_consistency}); CSV
   * flattens them to {@code tokens_per_term:LIST}, {@code vocabulary_overlap:OTHER} and {@code
   * boundary_consistency:GROUP} columns.
   */
  private List<Map<String, Object>> records() {
    List<Map<String, Object>> records = new ArrayList<>();
    for (DatasetResult r : comparison.datasetResults()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tokenizer", r.tokenizer());
      m.put("dataset", r.dataset());
      m.put("documents", r.documents());
      m.put("tokens", r.tokens());
      m.put("characters", r.characters());
      m.put("words", r.words());
      m.put("bytes", r.bytes());
      m.put("invalid_utf8_sequences", r.invalidUtf8Sequences());
      m.put("tpc", r.tokensPerCharacter());
      m.put("tokens_per_word", r.tokensPerWord());
      m.put("characters_per_token", r.charactersPerToken());
      m.put("bytes_per_token", r.bytesPerToken());
      m.put("unknown_tokens", r.unknownTokens());
      m.put("byte_fallback_tokens", r.byteFallbackTokens());
      m.put("fallback_share", r.fallbackShare());
      if (!comparison.wordPooledResults().isEmpty()) {
        WordPooledResult w = comparison.isWordPooled(r.tokenizer()) ? comparison.wordPooledResult(r.tokenizer(), r.dataset()) : null;
        m.put("max_units", w == null ? null : (long) w.maxUnits());
        m.put("word_pooled_words", w == null ? null : w.words());
        m.put("words_per_character", w == null ? null : w.wordsPerCharacter());
        m.put("units_per_word", w == null ? null : w.unitsPerWord());
        m.put("units_per_word_p95", w == null || w.words() == 0 ? null : (long) w.p95UnitsPerWord());
        m.put("overflow_words", w == null ? null : w.overflowingWords());
        m.put("overflow_share", w == null ? null : w.overflowShare());
      }
      if (!comparison.mergeResults().isEmpty()) {
        MergeResult merge = comparison.isWordPooled(r.tokenizer()) ? null : comparison.mergeResult(r.tokenizer(), r.dataset());
        m.put("merge_batch_size", merge == null ? null : (long) merge.setting().batchSize());
        m.put("merges_per_batch", merge == null ? null : (long) merge.setting().merges());
        m.put("merge_lines", merge == null ? null : merge.stats().sequences());
        m.put("merges", merge == null ? null : merge.stats().merges());
        m.put("l0", merge == null ? null : merge.baseLength());
        m.put("l_m", merge == null ? null : merge.mergedLength());
        m.put("l_word", merge == null ? null : merge.wordLength());
        m.put("merge_reduction", merge == null ? null : merge.reduction());
      }
      if (baseline != null) {
        RelativeSize relative = comparison.relativeSize(r.tokenizer(), baseline, r.dataset());
        m.put("baseline", baseline);
        m.put("tokens_vs_baseline", relative.ratio());
        m.put("percent_vs_baseline", relative.percentChange());
        m.put("baseline_percent_vs_tokenizer", relative.baselinePercentChange());
      }
      if (!terms.isEmpty()) {
        Map<String, Object> perList = new LinkedHashMap<>();
        terms.forEach((list, fertilities) -> {
          perList.put(list, null);
          for (TermFertility f : fertilities) if (f.tokenizer().equals(r.tokenizer())) perList.put(list, f.tokensPerTerm());
        });
        m.put("tokens_per_term", perList);
      }
      if (!overlaps.isEmpty()) {
        Map<String, Object> perOther = new LinkedHashMap<>();
        for (VocabularyOverlap o : overlaps) {
          if (o.first().equals(r.tokenizer())) perOther.put(o.second(), o.jaccard());
          else if (o.second().equals(r.tokenizer())) perOther.put(o.first(), o.jaccard());
        }
        m.put("vocabulary_overlap", perOther);
      }
      if (!pairGroups.isEmpty()) {
        Map<String, Object> perGroup = new LinkedHashMap<>();
        for (PairGroup g : pairGroups) {
          BoundaryConsistency b = g.perTokenizer().get(r.tokenizer());
          perGroup.put(g.name(), b == null ? null : b.share());
        }
        m.put("boundary_consistency", perGroup);
      }
      records.add(m);
    }
    return records;
  }

  private static String count(long n) {
    return Long.toString(n);
  }

  private static String fixed(double value, int decimals) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : Decimals.fixed(value, decimals);
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : Decimals.fixed(share * 100, 2) + "%";
  }
}
