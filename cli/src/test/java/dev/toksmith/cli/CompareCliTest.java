package dev.toksmith.cli;

import static dev.toksmith.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.samples.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code toksmith compare} end to end, on two tokenizers and two datasets small enough to count by
 * hand:
 *
 * <ul>
 *   <li>{@code words}: WordLevel over white-space-split words, vocabulary {@code the court held [UNK]};
 *   <li>{@code letters}: BPE without merges over the whole text, one token per letter of {@code
 *       thecourldj}, every other character spelled by {@code <0xNN>} byte-fallback tokens;
 *   <li>dataset {@code court}: files {@code "the court held\n"} (15 characters, 3 words) and {@code
 *       "the judge held"} (14, 3): words 3 + 3 tokens, {@code judge} unknown; letters 29 tokens, the
 *       four spaces, the newline and {@code g} byte fallback;
 *   <li>dataset {@code cafe.txt}: {@code "té é"}, 4 characters, 2 words, 6 bytes: words 2 unknown
 *       tokens; letters {@code t}, then 2 + 1 + 2 fallback tokens for é, space, é: 6 tokens.
 * </ul>
 *
 * <p>The word-pooled tokenizer {@code word-pooled:bytes --max-units 4} cuts {@code court} into
 * {@code the} (3 bytes), {@code ␣court} (6), {@code ␣held} (5), {@code \n} (1) and {@code the} (3),
 * {@code ␣judge} (6), {@code ␣held} (5): 7 words, 11 rows, 29 units, 4 words over 4 units, units
 * sorted 1 3 3 5 5 6 6 so p95 (nearest rank 7 of 7) 6; and {@code cafe.txt} into {@code té} (3 bytes)
 * and {@code ␣é} (3): 2 words, 2 rows, 6 units, none over, p95 (rank 2 of 2) 3.
 */
class CompareCliTest {
  private static final String POOLED = "word-pooled:bytes";
  @TempDir static Path dir;
  static String words;
  static String letters;
  static String court;
  static String cafe;

  @BeforeAll
  static void tinyTokenizersAndDatasets() throws Exception {
    words = Files.writeString(dir.resolve("words.json"), "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"the\":0,\"court\":1,\"held\":2,\"[UNK]\":3},\"unk_token\":\"[UNK]\"}}").toString();
    StringBuilder vocab = new StringBuilder();
    String letterSet = "thecourldj";
    for (int i = 0; i < letterSet.length(); i++) vocab.append('"').append(letterSet.charAt(i)).append("\":").append(i).append(',');
    for (int b = 0; b < 256; b++) vocab.append(String.format("\"<0x%02X>\":%d", b, letterSet.length() + b)).append(b < 255 ? "," : "");
    letters = Files.writeString(dir.resolve("letters.json"), "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":null,"
        + "\"post_processor\":null,\"decoder\":{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"ByteFallback\"},{\"type\":\"Fuse\"}]},"
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,\"end_of_word_suffix\":null,"
        + "\"fuse_unk\":false,\"byte_fallback\":true,\"ignore_merges\":false,\"vocab\":{" + vocab + "},\"merges\":[]}}").toString();
    Path courtDir = Files.createDirectories(dir.resolve("court"));
    Files.writeString(courtDir.resolve("a.txt"), "the court held\n");
    Files.writeString(courtDir.resolve("b.txt"), "the judge held");
    court = courtDir.toString();
    cafe = Files.writeString(dir.resolve("cafe.txt"), "té é").toString();
  }

  @Test
  void jsonRecordsHoldTheHandCountedNumbers() throws Exception {
    CliTest.Result r = run("compare", "-t", words, "--baseline", letters, "--format", "json", court, cafe);
    assertEquals(0, r.code(), r.err());
    JsonNode records = new ObjectMapper().readTree(r.out());
    assertEquals(4, records.size());
    assertRecord(records.get(0), words, court, 2, 6, 29, 6, 29, 1, 0);
    assertRecord(records.get(1), words, cafe, 1, 2, 4, 2, 6, 2, 0);
    assertRecord(records.get(2), letters, court, 2, 29, 29, 6, 29, 0, 6);
    assertRecord(records.get(3), letters, cafe, 1, 6, 4, 2, 6, 0, 5);
    JsonNode first = records.get(0);
    assertEquals(6.0 / 29, first.get("tpc").asDouble(), 1e-12);
    assertEquals(1.0, first.get("tokens_per_word").asDouble(), 1e-12);
    assertEquals(29.0 / 6, first.get("characters_per_token").asDouble(), 1e-12);
    assertEquals(1.0 / 6, first.get("fallback_share").asDouble(), 1e-12);
    assertEquals(letters, first.get("baseline").asText());
    assertEquals(6.0 / 29, first.get("tokens_vs_baseline").asDouble(), 1e-12);
    assertEquals((6.0 / 29 - 1) * 100, first.get("percent_vs_baseline").asDouble(), 1e-9);
    // Overlap: words' forms " the", " court", " held", " [UNK]" (no decoder: tokens joined by spaces);
    // letters' forms are the 256 single bytes. None shared.
    assertEquals(0.0, first.get("vocabulary_overlap").get(letters).asDouble(), 1e-12);
  }

  @Test
  void tableStatesMeansAndRelativeSizeBothWays() {
    CliTest.Result r = run("compare", "-t", words, "--baseline", letters, court, cafe);
    assertEquals(0, r.code(), r.err());
    String out = r.outText();
    assertTrue(out.contains("Mean over 2 datasets (unweighted)"), out);
    // Mean TPC: words (6/29 + 2/4) / 2 = 0.3534; letters (29/29 + 6/4) / 2 = 1.25. Ratio 0.28276:
    // 71.7% fewer; 1 / 0.28276 = 3.5366, 253.7% more.
    assertTrue(lineOf(out, "0.3534").startsWith(words), out);
    assertTrue(out.contains(words + " uses 71.7% fewer tokens than " + letters + "; " + letters + " uses 253.7% more than " + words), out);
    // court alone: 6 / 29 = 0.2069, 79.3% fewer; 29 / 6 = 4.8333, 383.3% more.
    String courtRow = lineOf(out, "79.3% fewer");
    assertTrue(courtRow.contains(court) && courtRow.contains("0.2069") && courtRow.contains("383.3% more"), courtRow);
  }

  @Test
  void termFertilityCountsTokensPerBareTermAndShowsTheWorst() throws Exception {
    Path terms = Files.writeString(dir.resolve("terms.txt"), "# two terms\nthe court\ncourt\n");
    CliTest.Result r = run("compare", "-t", words, "-t", letters, "--terms", terms.toString(), "--format", "markdown", cafe);
    assertEquals(0, r.code(), r.err());
    String out = r.outText();
    // words: 2 + 1 tokens = 1.50 per term; letters: 9 (the space by byte fallback) + 5 = 7.00.
    assertTrue(out.contains("| " + terms + " | " + words + " | 2 | 3 | 1.50 |"), out);
    assertTrue(out.contains("| " + terms + " | " + letters + " | 2 | 14 | 7.00 |"), out);
    assertTrue(out.contains("| " + terms + " | " + letters + " | the court | 9 | [t][h][e][␣][c][o][u][r][t] |"), out);
    assertTrue(out.contains("### Vocabulary overlap"), out);
    assertFalse(out.contains("### Mean over"), "one dataset has no mean section");
  }

  @Test
  void csvHasOneRowPerTokenizerAndDataset() {
    CliTest.Result r = run("compare", "-t", words, "-t", letters, "--terms", "legal", "--format", "csv", court);
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.outText().lines().toList();
    assertEquals(3, lines.size(), r.outText());
    assertTrue(lines.get(0).startsWith("tokenizer,dataset,documents,tokens,characters,words,bytes,invalid_utf8_sequences,tpc,"), lines.get(0));
    assertTrue(lines.get(0).contains(",tokens_per_term:legal,vocabulary_overlap:"), lines.get(0));
    assertTrue(lines.get(1).startsWith(words + "," + court + ",2,6,29,6,29,0," + (6.0 / 29) + ","), lines.get(1));
    // Each tokenizer's overlap with the other has its own column, filled on its own row.
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals("0.0", lines.get(1).split(",", -1)[header.indexOf("vocabulary_overlap:" + letters)]);
    assertEquals("0.0", lines.get(2).split(",", -1)[header.indexOf("vocabulary_overlap:" + words)]);
    assertTrue(r.outText().contains("\r\n"), "RFC 4180 line ends");
  }

  @Test
  void chartIsValidSvgWithOneBarPerTokenizerAndGroup() throws Exception {
    Path chart = dir.resolve("tpc.svg");
    CliTest.Result r = run("compare", "-t", words, "-t", letters, "--chart", chart.toString(), court, cafe);
    assertEquals(0, r.code(), r.err());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document svg = factory.newDocumentBuilder().parse(chart.toFile());
    Element root = svg.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    NodeList titles = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
    // Two tokenizers x (two datasets + the mean).
    assertEquals(6, titles.getLength());
    assertEquals(words + " on " + court + ": TPC 0.2069", titles.item(0).getTextContent());
    assertEquals(letters + " on mean (unweighted): TPC 1.2500", titles.item(5).getTextContent());
    String text = Files.readString(chart);
    assertFalse(text.contains("href") || text.contains("<script") || text.contains("@import"), "self-contained");
  }

  @Test
  void bundledSamplesAndStandardInputAreDatasets() throws Exception {
    String constitution = Samples.byName("us-constitution").text();
    CliTest.Result r = run("the court\n".getBytes(StandardCharsets.UTF_8), "compare", "-t", words, "--format", "json", "us-constitution", "-");
    assertEquals(0, r.code(), r.err());
    JsonNode records = new ObjectMapper().readTree(r.out());
    assertEquals("us-constitution", records.get(0).get("dataset").asText());
    assertEquals(constitution.codePointCount(0, constitution.length()), records.get(0).get("characters").asLong());
    assertEquals(1, records.get(0).get("documents").asLong());
    assertEquals("<stdin>", records.get(1).get("dataset").asText());
    assertEquals(2, records.get(1).get("tokens").asLong());
  }

  @Test
  void boundaryConsistencyPoolsTheBoundariesOfEveryPair() throws Exception {
    Path pairs = Files.createDirectories(dir.resolve("pairs"));
    // "the cat sat" -> "thecat sat": of the clean boundaries 3, 4, 7, 8 the deleted space loses 3 and 4.
    Files.writeString(pairs.resolve("a.clean.txt"), "the cat sat");
    Files.writeString(pairs.resolve("a.noisy.txt"), "thecat sat");
    // "a b" -> "a  b" (shared-corpora naming): the inserted space keeps both boundaries, 1 and 2.
    Files.writeString(pairs.resolve("b.clean.txt"), "a b");
    Files.writeString(pairs.resolve("b.raw.txt"), "a  b");
    CliTest.Result r = run("compare", "-t", words, "--ocr-pairs", pairs.toString(), "--format", "json", cafe);
    assertEquals(0, r.code(), r.err());
    assertEquals(4.0 / 6, new ObjectMapper().readTree(r.out()).get(0).get("boundary_consistency").get(pairs.toString()).asDouble(), 1e-12);
    CliTest.Result table = run("compare", "-t", words, "--ocr-pairs", pairs.toString(), cafe);
    assertTrue(lineOf(table.outText(), "66.67%").matches(".*" + pairs + " +2 +6 +4 +66.67%"), table.outText());
  }

  @Test
  void bundledOcrPairsComeInThreeLevels() throws Exception {
    CliTest.Result r = run("compare", "-t", words, "--ocr-pairs", "bundled", "--format", "json", cafe);
    assertEquals(0, r.code(), r.err());
    JsonNode shares = new ObjectMapper().readTree(r.out()).get(0).get("boundary_consistency");
    assertEquals(List.of("ocr-light", "ocr-medium", "ocr-heavy"), iterable(shares.fieldNames()));
    // Words split at white space: OCR that merges or splits words loses boundaries, more as it degrades.
    double light = shares.get("ocr-light").asDouble();
    double heavy = shares.get("ocr-heavy").asDouble();
    assertTrue(light > 0.9 && light > heavy, light + " " + heavy);
  }

  @Test
  void badInputGivesOneLineAndNoChart() throws Exception {
    Path chart = dir.resolve("never.svg");
    CliTest.Result missing = run("compare", "-t", words, "--chart", chart.toString(), "no-such-dataset");
    assertEquals(1, missing.code());
    assertTrue(missing.err().startsWith("toksmith: no such file, directory, bundled sample or sample group: no-such-dataset (groups: "), missing.err());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertFalse(Files.exists(chart));
    CliTest.Result terms = run("compare", "-t", words, "--terms", "medical", cafe);
    assertEquals(2, terms.code());
    assertTrue(terms.err().startsWith("toksmith: --terms: no such file or bundled term list: medical"), terms.err());
    assertEquals(2, run("compare", "-t", words, "--format", "xml", cafe).code());
    assertEquals(2, run("compare", cafe).code());
    assertEquals(2, run("compare", "-t", words, "-t", words, cafe).code());
    assertEquals(2, run("compare", "-t", words, "--ocr-pairs", dir.resolve("nowhere").toString(), cafe).code());
    Path unpaired = Files.createDirectories(dir.resolve("unpaired"));
    Files.writeString(unpaired.resolve("x.clean.txt"), "x");
    CliTest.Result noNoisy = run("compare", "-t", words, "--ocr-pairs", unpaired.toString(), cafe);
    assertEquals(1, noNoisy.code());
    assertEquals("toksmith: " + unpaired.resolve("x.clean.txt") + ": no x.noisy.txt or x.raw.txt beside it\n", noNoisy.err());
    CliTest.Result unwritable = run("compare", "-t", words, "--chart", Path.of(cafe, "c.svg").toString(), cafe);
    assertEquals(1, unwritable.code());
    assertEquals(1, unwritable.err().lines().count(), unwritable.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void wordPooledJsonHasItsFiguresAndRowsAsTokens() throws Exception {
    CliTest.Result r = run("compare", "-t", words, "-t", POOLED, "--max-units", "4", "--format", "json", court, cafe);
    assertEquals(0, r.code(), r.err());
    JsonNode records = new ObjectMapper().readTree(r.out());
    assertEquals(4, records.size());
    JsonNode pooledCourt = records.get(2);
    assertEquals(POOLED, pooledCourt.get("tokenizer").asText());
    assertEquals(court, pooledCourt.get("dataset").asText());
    assertEquals(11, pooledCourt.get("tokens").asLong());
    assertEquals(11.0 / 29, pooledCourt.get("tpc").asDouble(), 1e-12);
    assertEquals(0.0, pooledCourt.get("fallback_share").asDouble());
    assertEquals(4, pooledCourt.get("max_units").asLong());
    assertEquals(7, pooledCourt.get("word_pooled_words").asLong());
    assertEquals(7.0 / 29, pooledCourt.get("words_per_character").asDouble(), 1e-12);
    assertEquals(29.0 / 7, pooledCourt.get("units_per_word").asDouble(), 1e-12);
    assertEquals(6, pooledCourt.get("units_per_word_p95").asLong());
    assertEquals(4, pooledCourt.get("overflow_words").asLong());
    assertEquals(4.0 / 7, pooledCourt.get("overflow_share").asDouble(), 1e-12);
    JsonNode pooledCafe = records.get(3);
    assertEquals(2, pooledCafe.get("tokens").asLong());
    assertEquals(0.5, pooledCafe.get("words_per_character").asDouble(), 1e-12);
    assertEquals(3.0, pooledCafe.get("units_per_word").asDouble(), 1e-12);
    assertEquals(3, pooledCafe.get("units_per_word_p95").asLong());
    assertEquals(0.0, pooledCafe.get("overflow_share").asDouble());
    // The ordinary tokenizer keeps its figures; the word-pooled ones are null for it.
    JsonNode wordsCourt = records.get(0);
    assertEquals(6, wordsCourt.get("tokens").asLong());
    assertTrue(wordsCourt.get("units_per_word").isNull(), wordsCourt.toString());
    assertTrue(wordsCourt.get("max_units").isNull(), wordsCourt.toString());
  }

  @Test
  void wordPooledTableAndMarkdownSections() {
    CliTest.Result table = run("compare", "-t", words, "-t", POOLED, "--max-units", "4", court, cafe);
    assertEquals(0, table.code(), table.err());
    String out = table.outText();
    assertTrue(out.contains("\nWord-pooled tokenizers\n"), out);
    // 7 / 29 = 0.2414 words per character, 29 / 7 = 4.143 units per word, 4 / 7 = 57.14% overflow.
    assertHasLine(out, POOLED + " +" + court + " +4 +7 +0\\.2414 +4\\.143 +6 +57\\.14%");
    assertHasLine(out, POOLED + " +" + cafe + " +4 +2 +0\\.5000 +3\\.000 +3 +0\\.00%");
    // In the tokens section its tokens are rows: 11 on court, TPC 11 / 29 = 0.3793, 11 / 6 = 1.833 per word.
    assertHasLine(out, POOLED + " +" + court + " +11 +0\\.3793 +1\\.833 .*");
    // Mean TPC (11/29 + 2/4) / 2 = 0.4397.
    assertHasLine(out, POOLED + " +0\\.4397 .*");

    CliTest.Result markdown = run("compare", "-t", POOLED, "--max-units", "4", "--format", "markdown", cafe);
    assertEquals(0, markdown.code(), markdown.err());
    assertTrue(markdown.outText().contains("### Word-pooled tokenizers\n"), markdown.outText());
    assertTrue(markdown.outText().contains("| " + POOLED + " | " + cafe + " | 4 | 2 | 0.5000 | 3.000 | 3 | 0.00% |"), markdown.outText());
  }

  @Test
  void wordPooledCsvColumnsAreEmptyForOrdinaryTokenizers() {
    CliTest.Result r = run("compare", "-t", POOLED, "-t", words, "--max-units", "4", "--format", "csv", court);
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.outText().lines().toList();
    assertEquals(3, lines.size(), r.outText());
    List<String> header = List.of(lines.get(0).split(","));
    int first = header.indexOf("max_units");
    assertEquals(List.of("max_units", "word_pooled_words", "words_per_character", "units_per_word", "units_per_word_p95", "overflow_words", "overflow_share"),
        header.subList(first, first + 7));
    List<String> pooled = List.of(lines.get(1).split(",", -1));
    assertEquals(List.of("4", "7", Double.toString(7.0 / 29), Double.toString(29.0 / 7), "6", "4", Double.toString(4.0 / 7)), pooled.subList(first, first + 7));
    List<String> ordinary = List.of(lines.get(2).split(",", -1));
    assertEquals(List.of("", "", "", "", "", "", ""), ordinary.subList(first, first + 7));
  }

  @Test
  void termsOverlapAndPairsLeaveWordPooledTokenizersOut() throws Exception {
    CliTest.Result r = run("compare", "-t", words, "-t", POOLED, "--max-units", "4", "--terms", "legal", "--format", "json", cafe);
    assertEquals(0, r.code(), r.err());
    JsonNode records = new ObjectMapper().readTree(r.out());
    assertTrue(records.get(0).get("tokens_per_term").get("legal").isNumber());
    assertTrue(records.get(1).get("tokens_per_term").get("legal").isNull(), records.get(1).toString());
    // One ordinary tokenizer: no pair to overlap.
    assertTrue(records.get(0).get("vocabulary_overlap") == null, records.get(0).toString());
    CliTest.Result pairs = run("compare", "-t", POOLED, "-t", words, "--max-units", "4", "--ocr-pairs", "bundled", cafe);
    assertEquals(0, pairs.code(), pairs.err());
    assertTrue(pairs.outText().lines().noneMatch(l -> l.startsWith(POOLED + "  ocr-")), pairs.outText());
    assertHasLine(pairs.outText(), words + " +ocr-light .*");
  }

  @Test
  void wordPooledUsageAndInputErrorsAreOneLine() {
    CliTest.Result noMaxUnits = run("compare", "-t", POOLED, cafe);
    assertEquals(2, noMaxUnits.code());
    assertTrue(noMaxUnits.err().startsWith("toksmith: word-pooled tokenizers need --max-units N"), noMaxUnits.err());
    CliTest.Result stray = run("compare", "-t", words, "--max-units", "4", cafe);
    assertEquals(2, stray.code());
    assertTrue(stray.err().startsWith("toksmith: --max-units needs a word-pooled tokenizer"), stray.err());
    assertEquals(2, run("compare", "-t", POOLED, "--max-units", "0", cafe).code());
    assertEquals(2, run("compare", "-t", "word-pooled:letters", "--max-units", "4", cafe).code());
    // WordLevel cannot give " court" back (it drops the space), so subword units refuse the word.
    CliTest.Result refused = run("compare", "-t", "word-pooled:subwords:" + words, "--max-units", "4", court);
    assertEquals(1, refused.code());
    assertEquals(1, refused.err().lines().count(), refused.err());
  }

  /**
   * Dynamic merging of court's two lines in one batch with two merges: {@code letters} has no
   * pre-tokenizer, so each line is one pre-token (L_word 1); both lines are 14 letter or byte tokens;
   * {@code he} (4 times) merges first, then {@code t+he}, the first seen of five pairs twice each:
   * 11 tokens a line. On cafe.txt, {@code <C3><A9>} twice, then {@code t+é}: 6 to 3 tokens. {@code
   * words} is at word level already: no merge, reduction 100%.
   */
  @Test
  void dynamicMergingRowsInEveryFormat() throws Exception {
    CliTest.Result table = run("compare", "-t", letters, "-t", words, "-t", POOLED, "--max-units", "4", "--merge-batch-size", "2", "--merges", "2", court, cafe);
    assertEquals(0, table.code(), table.err());
    String out = table.outText();
    assertTrue(out.contains("\nDynamic merging (batches of 2 lines, at most 2 merges each)\n"), out);
    // Reduction 100 * (14 - 11) / (14 - 1) = 23.08%.
    assertHasLine(out, letters + " +" + court + " +2 +2 +14\\.00 +11\\.00 +1\\.00 +23\\.08%");
    assertHasLine(out, letters + " +" + cafe + " +1 +2 +6\\.00 +3\\.00 +1\\.00 +60\\.00%");
    assertHasLine(out, words + " +" + court + " +2 +0 +3\\.00 +3\\.00 +3\\.00 +100\\.00%");
    assertTrue(out.lines().noneMatch(l -> l.matches(POOLED + " .*%") && l.contains("14.00")), out);

    CliTest.Result json = run("compare", "-t", letters, "-t", POOLED, "--max-units", "4", "--merge-batch-size", "2", "--merges", "2", "--format", "json", court);
    assertEquals(0, json.code(), json.err());
    JsonNode records = new ObjectMapper().readTree(json.out());
    JsonNode lettersCourt = records.get(0);
    assertEquals(2, lettersCourt.get("merge_batch_size").asLong());
    assertEquals(2, lettersCourt.get("merges_per_batch").asLong());
    assertEquals(2, lettersCourt.get("merge_lines").asLong());
    assertEquals(2, lettersCourt.get("merges").asLong());
    assertEquals(14.0, lettersCourt.get("l0").asDouble());
    assertEquals(11.0, lettersCourt.get("l_m").asDouble());
    assertEquals(1.0, lettersCourt.get("l_word").asDouble());
    assertEquals(100.0 * 3 / 13, lettersCourt.get("merge_reduction").asDouble(), 1e-12);
    assertTrue(records.get(1).get("merge_reduction").isNull(), records.get(1).toString());

    CliTest.Result csv = run("compare", "-t", letters, "--merge-batch-size", "1", "--merges", "1", "--format", "csv", court);
    assertEquals(0, csv.code(), csv.err());
    List<String> lines = csv.outText().lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    List<String> row = List.of(lines.get(1).split(",", -1));
    // One line a batch, one merge each: he on both lines, 14 -> 12; reduction 100 * 2 / 13.
    assertEquals(List.of("1", "1", "2", "2", "14.0", "12.0", "1.0", Double.toString(100.0 * 4 / 26)), row.subList(header.indexOf("merge_batch_size"), header.indexOf("merge_reduction") + 1));

    CliTest.Result markdown = run("compare", "-t", letters, "--merge-batch-size", "2", "--merges", "2", "--format", "markdown", cafe);
    assertTrue(markdown.outText().contains("| " + letters + " | " + cafe + " | 1 | 2 | 6.00 | 3.00 | 1.00 | 60.00% |"), markdown.outText());
  }

  /** The row matches the figures the README's {@code toksmith merge} section gives for o200k_base (non-blank lines, batches of 32). */
  @Test
  void dynamicMergingOnBundledUdhrMatchesTheMergeFigures() throws Exception {
    CliTest.Result r = run("compare", "-t", "o200k_base", "--merge-batch-size", "32", "--merges", "100", "--format", "json", "udhr-jpn", "udhr-amh");
    assertEquals(0, r.code(), r.err());
    JsonNode records = new ObjectMapper().readTree(r.out());
    assertEquals(41.0, records.get(0).get("merge_reduction").asDouble(), 0.05);
    assertEquals(66.9, records.get(1).get("merge_reduction").asDouble(), 0.05);
    assertEquals(132.88, records.get(1).get("l0").asDouble(), 0.005);
    assertEquals(14.53, records.get(1).get("l_word").asDouble(), 0.005);
  }

  @Test
  void dynamicMergingUsageErrors() {
    assertEquals(2, run("compare", "-t", words, "--merges", "2", cafe).code());
    assertEquals(2, run("compare", "-t", words, "--merge-batch-size", "2", cafe).code());
    CliTest.Result zero = run("compare", "-t", words, "--merge-batch-size", "0", "--merges", "2", cafe);
    assertEquals(2, zero.code());
    assertTrue(zero.err().startsWith("toksmith: the merge batch size must be at least 1"), zero.err());
    assertEquals(2, run("compare", "-t", words, "--merge-batch-size", "2", "--merges", "-1", cafe).code());
    CliTest.Result pooledOnly = run("compare", "-t", POOLED, "--max-units", "4", "--merge-batch-size", "2", "--merges", "2", cafe);
    assertEquals(2, pooledOnly.code());
    assertTrue(pooledOnly.err().startsWith("toksmith: --merges needs a tokenizer that is not word-pooled"), pooledOnly.err());
  }

  /**
   * Invalid UTF-8 is read as train reads it (each maximal invalid subpart one U+FFFD) and reported:
   * the count, and the bytes as they were, not the three of each U+FFFD.
   */
  @Test
  void invalidUtf8IsCountedAndTheBytesAreTheInputs() throws Exception {
    byte[] bad = {'o', 'k', ' ', (byte) 0xC3, '(', ' ', (byte) 0xFF, (byte) 0xFE, ' ', (byte) 0xE2, (byte) 0x82, ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
    Path file = Files.write(dir.resolve("bad.txt"), bad);
    CliTest.Result json = run("compare", "-t", "gpt2", "--format", "json", file.toString());
    assertEquals(0, json.code(), json.err());
    JsonNode record = new ObjectMapper().readTree(json.out()).get(0);
    assertEquals(bad.length, record.get("bytes").asLong());
    // C3 | FF | FE | E2 82 | ED | A0 | 80: seven replacements, as train counts them.
    assertEquals(7, record.get("invalid_utf8_sequences").asLong());
    CliTest.Result train = run("train", "--vocab-size", "260", "-o", dir.resolve("bad.json").toString(), file.toString());
    assertTrue(train.err().contains("invalid UTF-8: 7 sequences replaced with U+FFFD"), train.err());
    CliTest.Result table = run("compare", "-t", "gpt2", file.toString());
    assertTrue(table.outText().contains("Invalid UTF-8 in " + file + ": 7 sequences read as U+FFFD (counted as the bytes they replaced)."), table.outText());
    assertHasLine(table.outText(), "\\Q" + file + "\\E +1 +\\d+ +\\d+ +" + bad.length);
  }

  private static void assertRecord(JsonNode record, String tokenizer, String dataset, long documents, long tokens, long characters, long words, long bytes, long unknown, long fallback) {
    assertEquals(tokenizer, record.get("tokenizer").asText());
    assertEquals(dataset, record.get("dataset").asText());
    assertEquals(documents, record.get("documents").asLong(), "documents");
    assertEquals(tokens, record.get("tokens").asLong(), "tokens of " + tokenizer + " on " + dataset);
    assertEquals(characters, record.get("characters").asLong(), "characters");
    assertEquals(words, record.get("words").asLong(), "words");
    assertEquals(bytes, record.get("bytes").asLong(), "bytes");
    assertEquals(unknown, record.get("unknown_tokens").asLong(), "unknown");
    assertEquals(fallback, record.get("byte_fallback_tokens").asLong(), "byte fallback");
    assertEquals((double) tokens / characters, record.get("tpc").asDouble(), 1e-12);
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> list = new java.util.ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }

  private static String lineOf(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).findFirst().orElseThrow(() -> new AssertionError("no line with '" + part + "' in\n" + text));
  }

  private static void assertHasLine(String text, String regex) {
    assertTrue(text.lines().anyMatch(l -> l.matches(regex)), "no line matching " + regex + " in\n" + text);
  }
}
