package dev.toksmith.vocab.unicode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.UnicodeNgramTrainer;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.core.models.unicode.UnicodeVocabulary;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Unicode-glyph tokenizer saved as tokenizer.json gives the same ids and decoded text in Hugging
 * Face (through DJL) and in toksmith after reloading: on every scalar value (in chunks), the bundled
 * samples and edge strings, without n-grams, with hand-picked ones and with ones trained on the samples.
 */
class UnicodeTokenizerReferenceTest {
  private static final List<String> EDGES = List.of(
      "hello the test", "<s>hi</s><pad><unk>", "<0x41> <unused_E004>", "\uE000\uE001\uF8FF\uFFFF\uFFFE",
      "😀👍🏽👨‍👩‍👧 e\u0301 中文 한국어 \uD800\uDC00\uDBFF\uDFFF", "the thee theest", "", " ", "a\u0000b\n\r\t");

  @Test
  void theBuiltInIsResolvedByName() throws IOException {
    assertSame(UnicodeVocabulary.tokenizer(), Tokenizers.load("unicode"));
  }

  @Test
  void huggingFaceGivesTheSameIdsWithoutNgrams() throws IOException {
    check(UnicodeVocabulary.tokenizer(), true);
  }

  @Test
  void huggingFaceGivesTheSameIdsWithNgrams() throws IOException {
    check(UnicodeVocabulary.tokenizer(List.of("th", "the", "he", "ell", "el", "ll", "est", "es", "st", "中文", "ее", "при", "пр", "ри")), false);
  }

  @Test
  void huggingFaceGivesTheSameIdsWithNgramsTrainedOnTheSamples() throws IOException {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    TrainingResult trained = UnicodeNgramTrainer.builder().perScript(200).build().train(Corpus.ofSources(sources));
    assertTrue(trained.merges() > 1000, "merges " + trained.merges());
    check(trained.tokenizer(), false);
  }

  private static void check(Tokenizer tokenizer, boolean everyScalarValue) throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Tokenizers.write(tokenizer, json);
    Tokenizer reloaded = Tokenizers.load(new ByteArrayInputStream(json.toByteArray()), "unicode.json");
    List<String> texts = new ArrayList<>(EDGES);
    for (Sample sample : Samples.all()) {
      List<String> lines = Arrays.asList(sample.text().split("\n"));
      texts.addAll(lines.subList(0, Math.min(50, lines.size())));
    }
    if (everyScalarValue) texts.addAll(scalarValueChunks(16384));
    try (HfReference reference = HfReference.load(json.toString(StandardCharsets.UTF_8))) {
      List<HfReference.Encoded> hf = reference.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        int[] ids = tokenizer.encodeIds(text);
        assertArrayEquals(Arrays.stream(hf.get(i).ids()).mapToInt(Math::toIntExact).toArray(), ids, () -> "text " + text.substring(0, Math.min(40, text.length())));
        assertArrayEquals(ids, reloaded.encodeIds(text));
        long[] longIds = Arrays.stream(ids).asLongStream().toArray();
        assertEquals(reference.decode(longIds, false), tokenizer.decode(ids));
        assertEquals(reference.decode(longIds, true), tokenizer.decode(ids, true));
      }
    }
  }

  private static List<String> scalarValueChunks(int size) {
    List<String> chunks = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      chunk.appendCodePoint(cp);
      if (chunk.length() >= size) {
        chunks.add(chunk.toString());
        chunk.setLength(0);
      }
    }
    chunks.add(chunk.toString());
    return chunks;
  }
}
