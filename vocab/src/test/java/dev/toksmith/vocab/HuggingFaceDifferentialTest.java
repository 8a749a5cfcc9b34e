package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains on the bundled samples, saves tokenizer.json, loads it in Hugging Face's Rust core and
 * checks that both give the same ids, offsets and decoded text for every line of the samples.
 */
class HuggingFaceDifferentialTest {
  @TempDir Path dir;

  private static Corpus samples() {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    return Corpus.ofSources(sources);
  }

  /** Every line of every sample, and some text that stresses the edges of the pipeline. */
  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (Sample s : Samples.all()) texts.addAll(Arrays.asList(s.text().split("\n", -1)));
    texts.addAll(List.of(
        "",
        " ",
        "   leading and trailing   ",
        "tabs\tand\u00A0no-break\u3000spaces\u2003here",
        "line\r\nwith CRLF\r",
        "e\u0301 vs \u00E9, \uFB01 ligature, \u2460 circled, \uFF21 fullwidth, \u2126 ohm",
        "İstanbul ΣΊΣΥΦΟΣ straße ǅ",
        "👨‍👩‍👧‍👦 🏳️‍🌈 🇺🇸 ✊🏿 emoji",
        "<|start|>special<|end|> <|end|><|end|>x<|pad|>",
        "12345678901234567890 3.14159 1,000,000",
        "don't won't I'LL we've they're",
        "\u0000control\u0007chars\u001B[0m",
        "\uD840\uDC00\uD869\uDEDF CJK extension B, \uD83E\uDD70 and new letters \u0870\u1C89\uA7CB\uD807\uDF02\uD838\uDC30"));
    return texts;
  }

  private void compare(Tokenizer ours, Path file) throws Exception {
    List<String> texts = texts();
    try (HfReference hf = HfReference.load(Files.readString(file))) {
      List<HfReference.Encoded> expected = hf.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        Encoding actual = ours.encode(text);
        long[] expectedIds = expected.get(i).ids();
        assertArrayEquals(expectedIds, Arrays.stream(actual.ids()).asLongStream().toArray(), () -> "ids of " + text);
        assertEquals(Arrays.asList(expected.get(i).tokens()), actual.tokens(), () -> "tokens of " + text);
        for (int k = 0; k < actual.size(); k++) {
          int kk = k;
          assertEquals(expected.get(i).starts()[k] + "," + expected.get(i).ends()[k], actual.start(k) + "," + actual.end(k), () -> "offsets of token " + kk + " of " + text);
        }
        assertEquals(hf.decode(expectedIds, false), ours.decode(actual.ids()), () -> "decoded " + text);
        assertEquals(hf.decode(expectedIds, true), ours.decode(actual.ids(), true), () -> "decoded without specials " + text);
      }
    }
  }

  @Test
  void plainByteLevelTokenizerMatchesHuggingFace() throws Exception {
    Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(8000).build().train(samples()).tokenizer();
    Path file = dir.resolve("plain.json");
    Tokenizers.save(trained, file);
    compare(Tokenizers.load(file), file);
  }

  @Test
  void specialTokensAndNormalizersMatchHuggingFace() throws Exception {
    Tokenizer trained = ByteLevelBpeTrainer.builder()
        .vocabSize(3000)
        .specialTokens(List.of("<|start|>", "<|end|>", "<|pad|>"))
        .normalization(List.of(Normalization.NFKC, Normalization.LOWERCASE))
        .build()
        .train(samples())
        .tokenizer();
    Path file = dir.resolve("normalized.json");
    Tokenizers.save(trained, file);
    compare(Tokenizers.load(file), file);
  }
}
