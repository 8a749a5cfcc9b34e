package dev.toksmith.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OcrPairsTest {
  private static final Path DIRECTORY = Path.of("src/main/resources/dev/toksmith/ocr-pairs");

  @Test
  void threeExcerptsAtThreeLevels() {
    List<OcrPair> pairs = OcrPairs.all();
    assertEquals(9, pairs.size());
    assertEquals(9, pairs.stream().map(OcrPair::name).distinct().count());
    assertEquals(List.of("light", "medium", "heavy"), pairs.subList(0, 3).stream().map(OcrPair::level).toList());
  }

  @Test
  void cleanSideIsAnExcerptOfItsSampleAndNoisySideIsTesseractOutput() {
    for (OcrPair pair : OcrPairs.all()) {
      assertTrue(Samples.byName(pair.sample()).text().contains(pair.clean()), pair.name());
      assertTrue(pair.clean().length() > 1500 && pair.clean().length() <= 2000, pair.name());
      assertTrue(pair.noisy().endsWith("\n"), pair.name());
      assertTrue(!pair.noisy().equals(pair.clean()), pair.name());
    }
  }

  /** The share of the clean text's words that the noisy text has somewhere: falls as the image degrades. */
  @Test
  void heavierLevelsReadWorse() {
    List<OcrPair> pairs = OcrPairs.all();
    for (int i = 0; i < pairs.size(); i += 3) {
      double light = wordsKept(pairs.get(i));
      double medium = wordsKept(pairs.get(i + 1));
      double heavy = wordsKept(pairs.get(i + 2));
      assertTrue(light > 0.95 && light > medium && medium > heavy, pairs.get(i).name() + ": " + light + " " + medium + " " + heavy);
    }
  }

  @Test
  void indexListsEveryFileAndNothingElse() throws IOException {
    Set<String> listed = new HashSet<>(Set.of("index.tsv"));
    for (String line : Files.readAllLines(DIRECTORY.resolve("index.tsv")).subList(1, 10)) {
      String[] fields = line.split("\t");
      listed.add(fields[1]);
      listed.add(fields[2]);
    }
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      assertEquals(listed, files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  private static double wordsKept(OcrPair pair) {
    Set<String> noisy = new HashSet<>(List.of(pair.noisy().split("\\s+")));
    String[] clean = pair.clean().strip().split("\\s+");
    long kept = Stream.of(clean).filter(noisy::contains).count();
    return (double) kept / clean.length;
  }
}
