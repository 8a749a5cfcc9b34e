package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.BoundaryConsistency;
import dev.toksmith.ComparisonResults;
import dev.toksmith.MergeSetting;
import dev.toksmith.NamedTokenizer;
import dev.toksmith.NamedWordPooled;
import dev.toksmith.TermFertility;
import dev.toksmith.TokenizerComparison;
import dev.toksmith.Tokenizers;
import dev.toksmith.VocabularyOverlap;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole compare report, every section and field at once, in each format, byte for byte as it was
 * printed when {@link CompareReport} was split into a section model and one renderer per format: a
 * characterisation of the layout, on fixed names so that column widths do not depend on where a test
 * runs. The figures themselves are counted by hand in {@link CompareCliTest} and the core compare
 * tests; the tokenizers and datasets are theirs ({@code words}, {@code letters}, {@code court}, {@code
 * cafe}), plus an empty dataset for the n/a and null cells, invalid UTF-8 in {@code cafe}, and a term
 * with a tab.
 */
class CompareReportTest {

  private static Tokenizer load(String json, String name) throws IOException {
    return Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), name);
  }

  private static CompareReport report() throws IOException {
    Tokenizer words = load("{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"the\":0,\"court\":1,\"held\":2,\"[UNK]\":3},\"unk_token\":\"[UNK]\"}}", "words");
    StringBuilder vocab = new StringBuilder();
    String letterSet = "thecourldj";
    for (int i = 0; i < letterSet.length(); i++) vocab.append('"').append(letterSet.charAt(i)).append("\":").append(i).append(',');
    for (int b = 0; b < 256; b++) vocab.append(String.format("\"<0x%02X>\":%d", b, letterSet.length() + b)).append(b < 255 ? "," : "");
    Tokenizer letters = load("{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":null,"
        + "\"post_processor\":null,\"decoder\":{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"ByteFallback\"},{\"type\":\"Fuse\"}]},"
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,\"end_of_word_suffix\":null,"
        + "\"fuse_unk\":false,\"byte_fallback\":true,\"ignore_merges\":false,\"vocab\":{" + vocab + "},\"merges\":[]}}", "letters");
    List<NamedTokenizer> ordinary = List.of(new NamedTokenizer("words", words), new NamedTokenizer("letters", letters));
    TokenizerComparison comparison = new TokenizerComparison(
        List.of(ordinary.get(0), ordinary.get(1), new NamedWordPooled("pooled", WordPooledTokenizer.bytes(4, 0))), new MergeSetting(2, 2));
    TokenizerComparison.Dataset court = comparison.startDataset("court");
    court.accept("the court held\n");
    court.accept("the judge held");
    court.finish();
    TokenizerComparison.Dataset cafe = comparison.startDataset("cafe");
    cafe.accept("té é");
    cafe.finish(7, 1);
    comparison.startDataset("empty").finish();
    ComparisonResults results = comparison.results();

    Map<String, List<TermFertility>> terms = new LinkedHashMap<>();
    for (String list : List.of("mine", "more")) {
      List<String> entries = list.equals("mine") ? List.of("the court", "judge\theld", "café") : List.of("held");
      terms.put(list, ordinary.stream().map(t -> TermFertility.measure(t.name(), t.tokenizer(), entries)).toList());
    }
    List<VocabularyOverlap> overlaps = VocabularyOverlap.pairwise(List.of("words", "letters"),
        List.of(VocabularyOverlap.surfaceForms(words), VocabularyOverlap.surfaceForms(letters)));
    List<CompareReport.PairGroup> pairs = List.of(
        new CompareReport.PairGroup("light", 2, Map.of("words", new BoundaryConsistency(10, 9), "letters", new BoundaryConsistency(40, 31))),
        new CompareReport.PairGroup("none", 0, Map.of("words", new BoundaryConsistency(0, 0), "letters", new BoundaryConsistency(0, 0))));
    return new CompareReport(results, "letters", terms, overlaps, 2, pairs);
  }

  @Test
  void everyFormatPrintsTheWholeReportAsBefore() throws IOException {
    CompareReport report = report();
    for (CompareReport.Format format : CompareReport.Format.values()) {
      String expected;
      try (InputStream in = CompareReportTest.class.getResourceAsStream("compare-report/report." + format)) {
        expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertEquals(expected, report.render(format), format.name());
    }
  }

  /**
   * What people read (the table, Markdown) holds no control character but its line ends, so that
   * columns line up and a terminal is never sent one: the term with a tab shows it as {@code \t}, in
   * the term column as in the segmentation.
   */
  @Test
  void thePeoplesFormatsShowControlCharactersEscaped() throws IOException {
    CompareReport report = report();
    for (CompareReport.Format format : List.of(CompareReport.Format.table, CompareReport.Format.markdown)) {
      String out = report.render(format);
      assertTrue(out.chars().noneMatch(c -> c < 0x20 && c != '\n'), format.name() + ":\n" + out);
      assertTrue(out.contains("judge\\theld") || out.contains("judge\\\\theld"), format.name() + ":\n" + out);
    }
  }
}
