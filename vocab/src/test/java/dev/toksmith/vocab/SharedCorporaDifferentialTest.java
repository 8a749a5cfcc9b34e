package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's pipeline on real legal text: train on the 2009 Supreme Court opinions and FOMC
 * statements from {@code ../shared/corpora}, then compare every line of the 2010 opinions with
 * Hugging Face. Skipped where {@code ../shared} is absent (a fresh clone has none).
 */
class SharedCorporaDifferentialTest {
  @TempDir Path dir;

  private static Path sharedCorpora() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".mvn"))) {
        Path shared = p.resolveSibling("shared").resolve("corpora");
        if (Files.isDirectory(shared)) return shared;
      }
    }
    Assumptions.abort("../shared/corpora is absent");
    return null;
  }

  @Test
  void legalTokenizerMatchesHuggingFaceOnUnseenOpinions() throws Exception {
    Path corpora = sharedCorpora();
    Tokenizer trained = ByteLevelBpeTrainer.builder()
        .vocabSize(16_000)
        .normalization(List.of(Normalization.NFKC))
        .specialTokens(List.of("<|start|>", "<|end|>"))
        .build()
        .train(Corpus.of(corpora.resolve("legal/scotus-opinions/2009").toString(), corpora.resolve("financial/fomc").toString()))
        .tokenizer();
    Path file = dir.resolve("legal.json");
    Tokenizers.save(trained, file);
    Tokenizer loaded = Tokenizers.load(file);
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpora.resolve("legal/scotus-opinions/2010"))) {
      for (Path f : files.sorted().toList()) lines.addAll(Arrays.asList(Files.readString(f).split("\n")));
    }
    try (HfReference hf = HfReference.load(Files.readString(file))) {
      List<HfReference.Encoded> expected = hf.encodeAll(lines);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int[] ids = loaded.encodeIds(line);
        assertArrayEquals(expected.get(i).ids(), Arrays.stream(ids).asLongStream().toArray(), () -> "ids of " + line);
        assertEquals(hf.decode(expected.get(i).ids(), false), loaded.decode(ids));
      }
    }
  }
}
