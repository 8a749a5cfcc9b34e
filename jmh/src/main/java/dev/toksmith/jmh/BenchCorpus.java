package dev.toksmith.jmh;

import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documents benchmarks read: those {@code jmh/bench-corpus.sh} wrote to the directory the system
 * property {@code toksmith.benchCorpus} names (default {@code jmh/target/bench-corpus}), else the
 * bundled samples, so that a benchmark runs on a fresh clone too.
 */
final class BenchCorpus {
  private BenchCorpus() {}

  static List<String> documents() throws IOException {
    Path dir = Path.of(System.getProperty("toksmith.benchCorpus", "jmh/target/bench-corpus"));
    List<String> docs = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().matches("[0-9]+\\.txt")).sorted().toList()) {
          docs.add(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    if (docs.isEmpty()) {
      System.err.println("no benchmark corpus in " + dir.toAbsolutePath() + " (jmh/bench-corpus.sh builds it); using the bundled samples");
      for (Sample s : Samples.all()) docs.add(s.text());
    }
    long bytes = docs.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
    System.err.printf("benchmark corpus: %d documents, %d bytes%n", docs.size(), bytes);
    return docs;
  }
}
