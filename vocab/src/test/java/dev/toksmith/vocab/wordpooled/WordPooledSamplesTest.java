package dev.toksmith.vocab.wordpooled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.CharVocabulary;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.WordPooledTokenizers;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledEncoding;
import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Word-pooled round trips on the bundled samples, and the character vocabulary against Hugging Face. */
class WordPooledSamplesTest {
  private static CharVocabulary vocabulary;

  @BeforeAll
  static void trainOnTheEnglishAndGermanDeclarations() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (String name : List.of("udhr-eng", "udhr-deu")) sources.add(new Corpus.Source(name, Samples.byName(name)::open));
    vocabulary = CharVocabulary.train(Corpus.ofSources(sources), 256 + 60, 2, ReadProgress.NONE);
  }

  @Test
  void everyMultilingualSampleRoundTripsWithEveryUnitKind() throws Exception {
    List<WordPooledTokenizer> tokenizers = List.of(
        WordPooledTokenizers.bytes(12, 4), WordPooledTokenizers.codePoints(6, 0), WordPooledTokenizers.chars(vocabulary, 8, 1),
        WordPooledTokenizers.subwords(family("roberta"), 3, 0), WordPooledTokenizers.subwords(family("llama2"), 2, 2));
    for (Sample sample : Samples.group("multilingual")) {
      String text = sample.text();
      for (WordPooledTokenizer tok : tokenizers) {
        WordPooledEncoding e = tok.encode(text);
        assertEquals(text, tok.decode(e), () -> sample.name() + " with " + tok.describeUnits());
        assertEquals(text, String.join("", tok.words(text)), sample.name());
        for (int k = 0; k < e.words(); k++) {
          for (int p = tok.slots(); p < tok.slots() + e.lengths()[k]; p++) assertTrue(e.ids()[k * tok.width() + p] < tok.padId(), sample.name());
        }
      }
    }
  }

  @Test
  void aBaseTokenizerThatChangesTheTextIsRefused() throws Exception {
    WordPooledTokenizer lowercasing = WordPooledTokenizers.subwords(family("bert-uncased"), 8, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lowercasing.encode("a Word"));
    assertEquals("the base tokenizer does not decode the word ' Word' back exactly, so it cannot be used for lossless word-pooled units", e.getMessage());
  }

  /** A small tokenizer.json of the test resources (GPT-2 style byte-level BPE, Llama 2 style, BERT). */
  private static Tokenizer family(String name) throws Exception {
    return Tokenizers.load(Path.of(WordPooledSamplesTest.class.getResource("/families/" + name + ".json").toURI()).toString());
  }

  @Test
  void theCharacterVocabularyRunsAsHuggingFaceRunsItsTokenizerJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chars.json");
    Tokenizers.save(vocabulary.asTokenizer(), file);
    Tokenizer loaded = Tokenizers.load(file.toString());
    assertEquals(vocabulary, CharVocabulary.fromTokenizer(loaded));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Tokenizers.write(loaded, json);
    WordPooledTokenizer tok = WordPooledTokenizers.chars(vocabulary, 4, 0);
    List<String> lines = Samples.byName("udhr-fra").text().lines().limit(40).toList();
    try (HfReference hf = HfReference.load(json.toString(StandardCharsets.UTF_8))) {
      List<HfReference.Encoded> expected = hf.encodeAll(lines);
      for (int i = 0; i < lines.size(); i++) {
        long[] ids = expected.get(i).ids();
        int[] hfIds = new int[ids.length];
        for (int k = 0; k < ids.length; k++) hfIds[k] = (int) ids[k];
        assertArrayEquals(hfIds, units(tok, tok.encode(lines.get(i))), lines.get(i));
      }
    }
  }

  /** The units of every row, in order, without slots and padding. */
  private static int[] units(WordPooledTokenizer tok, WordPooledEncoding e) {
    IntArrayList units = new IntArrayList();
    for (int k = 0; k < e.words(); k++) units.addElements(units.size(), e.ids(), k * tok.width() + tok.slots(), e.lengths()[k]);
    return units.toIntArray();
  }
}
