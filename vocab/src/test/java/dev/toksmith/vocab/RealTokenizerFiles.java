package dev.toksmith.vocab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The real tokenizer.json files {@code vocab/src/test/scripts/fetch-real-tokenizers.sh} fetches (they
 * are not committed): in {@code vocab/target/real-tokenizers}, or the directory the environment
 * variable {@code TOKSMITH_REAL_TOKENIZERS} names.
 */
public final class RealTokenizerFiles {
  private RealTokenizerFiles() {}

  /** Where the fetch script puts its files; {@code vocabModule} is the vocab module from the working directory. */
  public static Path directory(Path vocabModule) {
    String named = System.getenv("TOKSMITH_REAL_TOKENIZERS");
    return named == null || named.isEmpty() ? vocabModule.resolve("target/real-tokenizers") : Path.of(named);
  }

  /**
   * One test per fetched file, in name order; or, when none was fetched (as in CI), one skipped test
   * that says why, so that reports show the skip.
   */
  public static Stream<DynamicTest> eachFile(Path vocabModule, ThrowingConsumer<Path> check) throws IOException {
    Path files = directory(vocabModule).resolve("files");
    List<Path> jsons = List.of();
    if (Files.isDirectory(files)) {
      try (Stream<Path> list = Files.list(files)) {
        jsons = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      }
    }
    if (jsons.isEmpty()) {
      String why = "no real tokenizer.json files in " + files.toAbsolutePath() + ": vocab/src/test/scripts/fetch-real-tokenizers.sh installs them";
      return Stream.of(DynamicTest.dynamicTest("not fetched", () -> Assumptions.abort(why)));
    }
    return jsons.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check.accept(file)));
  }
}
