package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.Corpus;
import dev.toksmith.DomainBpeTrainer;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.terms.TermLists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preset tokenizers as files: trained on the bundled legal and government samples, saved, and
 * loaded in Hugging Face's Rust core (DJL), they give toksmith's ids on every bundled sample and on
 * texts full of custom tokens; the file holds exactly the vocabulary size asked for, counted as
 * Hugging Face's {@code get_vocab_size()} counts (distinct strings over the model vocabulary and
 * the added tokens).
 */
class DomainPresetsReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CRAFTED = List.of(
      "<|start|>In 1776 (a) the Court, 28 U.S.C. 1331, F. Supp. 2d 123 (S.D.N.Y. 1999).<|end|>",
      "<DIV CLASS=\"x\">  https://www.example.com/{\"a\":\"b\"}</div>\r\n\t \n\n\n\n\n\n\n\n\n\n\n          ----- ======",
      "ＦＵＬＬＷＩＤＴＨ ﬁnance Ⅳ (IV) (iv) (99) (100) 2049 2050 999 1000 ........ <|pad|><|mask|></|user|>",
      "İstanbul ΣΊΣΥΦΟΣ straße 😀 \u0000\u0018 x");

  @TempDir Path dir;

  private static Corpus legalAndGovernment() {
    List<Corpus.Source> sources = new ArrayList<>();
    for (String group : List.of("legal", "government")) for (Sample s : Samples.group(group)) sources.add(new Corpus.Source(s.name(), s::open));
    return Corpus.ofSources(sources);
  }

  private static List<String> texts() {
    List<String> texts = new ArrayList<>(CRAFTED);
    for (Sample s : Samples.all()) texts.add(s.text());
    return texts;
  }

  @Test
  void kl3mCased() throws Exception {
    check(DomainBpeTrainer.kl3m().vocabSize(8000).domainTerms(TermLists.reporterAbbreviations()), 8000);
  }

  @Test
  void kl3mUncasedPaddedToAPowerOfTwo() throws Exception {
    check(DomainBpeTrainer.kl3m().vocabSize(5000).lowercase(true).padToPowerOfTwo(true).domainTerms(TermLists.reporterAbbreviations()), 8192);
  }

  @Test
  void kl3mWithUserTokensAndSpecials() throws Exception {
    check(DomainBpeTrainer.kl3m().vocabSize(4096).padToPowerOfTwo(true).customTokens(List.of("res judicata", "(S.D.N.Y.")).specialTokens(List.of("<|doc|>")), 4096);
  }

  @Test
  void kl3mChar() throws Exception {
    check(DomainBpeTrainer.kl3mChar().vocabSize(4096), 4096);
  }

  private void check(DomainBpeTrainer.Builder settings, int expectedSize) throws Exception {
    DomainBpeTrainer trainer = settings.build();
    Path file = dir.resolve("tokenizer.json");
    Tokenizers.save(trainer.train(legalAndGovernment()).tokenizer(), file);
    String json = Files.readString(file);
    JsonNode root = JSON.readTree(json);

    Set<String> entries = new HashSet<>();
    root.at("/model/vocab").fieldNames().forEachRemaining(entries::add);
    for (JsonNode added : root.get("added_tokens")) entries.add(added.get("content").textValue());
    assertEquals(expectedSize, entries.size(), "vocabulary size as Hugging Face counts it");

    List<String> specials = trainer.specialTokens();
    JsonNode added = root.get("added_tokens");
    for (int id = 0; id < specials.size(); id++) {
      assertEquals(specials.get(id), added.get(id).get("content").textValue());
      assertEquals(id, added.get(id).get("id").intValue());
      assertTrue(added.get(id).get("special").booleanValue());
      assertEquals(id, root.at("/model/vocab").get(specials.get(id)).intValue());
    }
    for (int i = specials.size(); i < added.size(); i++) {
      assertFalse(added.get(i).get("special").booleanValue(), added.get(i).toString());
      assertTrue(added.get(i).get("normalized").booleanValue(), added.get(i).toString());
    }

    Tokenizer toksmith = Tokenizers.load(file);
    assertEquals(expectedSize, toksmith.vocabSize());
    List<String> texts = texts();
    List<HfReference.Encoded> expected;
    try (HfReference reference = HfReference.load(json)) {
      expected = reference.encodeAll(texts);
    }
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      long[] ours = Arrays.stream(toksmith.encodeIds(text)).asLongStream().toArray();
      assertArrayEquals(expected.get(i).ids(), ours, () -> "ids for " + text.substring(0, Math.min(80, text.length())));
    }
  }
}
