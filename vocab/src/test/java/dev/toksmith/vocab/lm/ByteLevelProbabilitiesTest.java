package dev.toksmith.vocab.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.LanguageModelFile;
import dev.toksmith.LanguageModels;
import dev.toksmith.NgramModel;
import dev.toksmith.TokenizedModel;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteEnsemble;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.core.lm.CanonicalModel;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.Scoring;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-level probabilities on real tiktoken encodings and a trained n-gram model. */
class ByteLevelProbabilitiesTest {
  private static final String HELD_OUT = "We hold these “truths” to be self-evident, that all men are";

  static List<int[]> trainingTexts(Tokenizer tokenizer) {
    return trainingLines().stream().map(tokenizer::encodeIds).toList();
  }

  /** The lines the models here are trained on: two founding documents without the held-out sentence. */
  static List<String> trainingLines() {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("us-declaration-of-independence", "us-constitution")) {
      for (String line : Samples.byName(name).text().split("\n")) {
        if (!line.isBlank() && !line.contains("self-evident")) lines.add(line);
      }
    }
    return lines;
  }

  /** Re-encoding from the anchor gives what re-encoding everything gives, for any extension. */
  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "cl100k_base", "o200k_base", "trained"})
  void anchorsAreStableUnderExtension(String name) throws IOException {
    Tokenizer tokenizer = name.equals("trained") ? trained(500) : Tokenizers.load(name);
    TokenBytes tokens = TokenBytes.of(tokenizer);
    Random random = new Random(7);
    for (String sample : List.of("udhr-eng", "udhr-jpn", "udhr-hin", "emoji-test", "moby-dick", "udhr-vie")) {
      byte[] text = Samples.byName(sample).text().getBytes(StandardCharsets.UTF_8);
      for (int trial = 0; trial < 60; trial++) {
        int end = 1 + random.nextInt(Math.min(text.length, 4000) - 1);
        int anchor = tokens.anchor(text, end);
        int extensionEnd = Math.min(text.length, end + random.nextInt(12));
        byte[] extended = Arrays.copyOf(text, extensionEnd + (trial % 2 == 0 ? 0 : 3));
        if (trial % 2 != 0) System.arraycopy(new byte[] {' ', (byte) 0xE2, (byte) 0x80}, 0, extended, extensionEnd, 3);
        // Before the anchor the extension keeps the tokens of the text; after it, the tail encodes alone.
        int[] before = tokens.encode(text, 0, end);
        int[] whole = tokens.encode(extended, 0, extended.length);
        int count = 0;
        int boundary = 0;
        while (boundary < anchor) boundary += tokens.bytes(whole[count++]).length;
        assertEquals(anchor, boundary, "the anchor is a token boundary");
        assertArrayEquals(Arrays.copyOf(before, count), Arrays.copyOf(whole, count), name + " " + sample + " head cut at " + end);
        int[] tail = tokens.encode(extended, anchor, extended.length);
        int[] joined = Arrays.copyOf(whole, count + tail.length);
        System.arraycopy(tail, 0, joined, count, tail.length);
        assertArrayEquals(whole, joined, name + " " + sample + " cut at " + end + ", anchor " + anchor);
      }
    }
  }

  /** r50k splits “ inside its UTF-8 bytes; a prompt may end there, and both ways to get there agree. */
  @Test
  void promptsMayEndInsideACharacter() throws IOException {
    Tokenizer r50k = Tokenizers.load("r50k_base");
    TokenBytes tokens = TokenBytes.of(r50k);
    int[] ids = r50k.encodeIds(" “The");
    assertEquals(3, ids.length);
    assertArrayEquals(new byte[] {' ', (byte) 0xE2, (byte) 0x80}, tokens.bytes(ids[0]));
    ByteLevelModel model = new ByteLevelModel(KneserNeyModel.train(trainingTexts(r50k), 2, r50k.idBound(), tokens), tokens);
    byte[] prompt = {'.', ' ', (byte) 0xE2, (byte) 0x80};
    double[] started = model.start(prompt).nextByteLogProbs();
    ByteLevelModel.State walked = model.start(new byte[0]);
    for (byte b : prompt) walked.advance(b & 0xFF);
    double[] stepped = walked.nextByteLogProbs();
    double sum = 0;
    for (int b = 0; b <= ByteLevelModel.END; b++) {
      sum += Math.exp(started[b]);
      assertEquals(Math.exp(stepped[b]), Math.exp(started[b]), 1e-12, "P(" + b + " | '. \\xe2\\x80')");
    }
    assertEquals(1.0, sum, 1e-9);
    assertTrue(started[0x9C] > Double.NEGATIVE_INFINITY);
  }

  /** The byte-token representation lemma on r50k: “ and ” are cut inside their bytes on the way. */
  @Test
  void byteAndTokenLevelScoresAgreeOnATiktokenEncoding() throws IOException {
    Tokenizer r50k = Tokenizers.load("r50k_base");
    TokenBytes tokens = TokenBytes.of(r50k);
    String text = "these “truths” are";
    KneserNeyModel masked = KneserNeyModel.train(trainingTexts(r50k), 2, r50k.idBound(), tokens);
    double byteBits = Scoring.byteLevelBits(new ByteLevelModel(masked, tokens).start(new byte[0]), text.getBytes(StandardCharsets.UTF_8));
    assertEquals(Scoring.tokenLevelBits(masked, r50k.encodeIds(text)), byteBits, 1e-9);
  }

  /**
   * Canonical sequences are not prefix-closed ({@code docs/methods/canonicality.md}, section 6):
   * cl100k writes {@code "Section\t\t12"} with the two tabs apart, but {@code "Section\t\t"} alone
   * with one token for both, so a model masked to canonical continuations gives the text no mass.
   * Both levels say so, infinite bits, rather than one failing or the two differing.
   */
  @Test
  void aTextWithANonCanonicalPrefixHasNoMassAtBothLevels() throws IOException {
    Tokenizer cl100k = Tokenizers.load("cl100k_base");
    TokenBytes tokens = TokenBytes.of(cl100k);
    byte[] text = "Section\t\t12".getBytes(StandardCharsets.UTF_8);
    int[] ids = tokens.encode(text, 0, text.length);
    assertTrue(tokens.isCanonical(ids));
    assertTrue(IntStream.range(1, ids.length).anyMatch(k -> !tokens.isCanonical(Arrays.copyOf(ids, k))), "a prefix is not canonical");
    KneserNeyModel masked = KneserNeyModel.train(trainingTexts(cl100k), 2, cl100k.idBound(), tokens);
    assertEquals(Double.POSITIVE_INFINITY, Scoring.tokenLevelBits(masked, ids));
    assertEquals(Double.POSITIVE_INFINITY, Scoring.byteLevelBits(new ByteLevelModel(masked, tokens).start(new byte[0]), text));
  }

  /** The lemma needs no mass on non-canonical ids: with it both levels agree, without it they do not. */
  @Test
  void byteAndTokenLevelScoresAgreeOnlyWhenInvalidIdsGetNoMass() {
    Tokenizer small = trained(400);
    TokenBytes tokens = TokenBytes.of(small);
    byte[] text = HELD_OUT.getBytes(StandardCharsets.UTF_8);
    KneserNeyModel masked = KneserNeyModel.train(trainingTexts(small), 3, small.idBound(), tokens);
    double byteBits = Scoring.byteLevelBits(new ByteLevelModel(masked, tokens).start(new byte[0]), text);
    assertEquals(Scoring.tokenLevelBits(masked, small.encodeIds(HELD_OUT)), byteBits, 1e-9);

    KneserNeyModel unmasked = KneserNeyModel.train(trainingTexts(small), 3, small.idBound(), null);
    double unmaskedBytes = Scoring.byteLevelBits(new ByteLevelModel(unmasked, tokens).start(new byte[0]), text);
    double unmaskedTokens = Scoring.tokenLevelBits(unmasked, small.encodeIds(HELD_OUT));
    assertTrue(Math.abs(unmaskedBytes - unmaskedTokens) > 1e-3, "mass on invalid ids breaks the equality: " + unmaskedBytes + " vs " + unmaskedTokens);
  }

  /** A mixture of one model is that model; a Bayesian mixture costs at most log2(k) bits over its best member. */
  @Test
  void ensemblesOfModelsWithDifferentTokenizers() {
    Tokenizer smaller = trained(300);
    Tokenizer larger = trained(700);
    ByteLevelModel a = model(smaller, 2);
    ByteLevelModel b = model(larger, 3);
    byte[] text = HELD_OUT.getBytes(StandardCharsets.UTF_8);
    double alone = Scoring.byteLevelBits(a.start(new byte[0]), text);
    double single = Scoring.byteLevelBits(new ByteEnsemble(List.of(a), ByteEnsemble.Kind.MIXTURE).start(new byte[0]), text);
    assertEquals(alone, single, 1e-9);
    double other = Scoring.byteLevelBits(b.start(new byte[0]), text);
    double mixed = Scoring.byteLevelBits(new ByteEnsemble(List.of(a, b), ByteEnsemble.Kind.MIXTURE).start(new byte[0]), text);
    assertTrue(mixed <= Math.min(alone, other) + 1 + 1e-9, mixed + " vs " + alone + ", " + other);
    assertTrue(mixed >= Math.min(alone, other) - 1e-9, mixed + " vs " + alone + ", " + other);
    double product = Scoring.byteLevelBits(new ByteEnsemble(List.of(a, b), ByteEnsemble.Kind.PRODUCT).start(new byte[0]), text);
    assertTrue(Double.isFinite(product) && product > 0);
    // The library's entry points are these ensembles, over models kept with their tokenizers.
    List<TokenizedModel> both = List.of(TokenizedModel.of(a.model(), smaller), TokenizedModel.of(b.model(), larger));
    assertEquals(mixed, LanguageModels.bits(LanguageModels.mixture(both), text), 1e-9);
    assertEquals(product, LanguageModels.bits(LanguageModels.product(both), text), 1e-9);
    assertEquals(alone, LanguageModels.bits(both.get(0).byteLevel(), text), 1e-9);
  }

  private static ByteLevelModel model(Tokenizer tokenizer, int order) {
    TokenBytes tokens = TokenBytes.of(tokenizer);
    return new ByteLevelModel(KneserNeyModel.train(trainingTexts(tokenizer), order, tokenizer.idBound(), tokens), tokens);
  }

  static Tokenizer trained(int vocabSize) {
    List<Corpus.Source> sources = new ArrayList<>();
    for (String name : List.of("us-declaration-of-independence", "us-constitution", "sotu-1790-washington")) {
      sources.add(new Corpus.Source(name, () -> Samples.byName(name).open()));
    }
    try {
      return ByteLevelBpeTrainer.builder().vocabSize(vocabSize).build().train(Corpus.ofSources(sources)).tokenizer();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The library's n-gram model: trained canonical-only it is the core model of the texts' canonical
   * (plain-text) ids, masked by the tokenizer; otherwise of the tokenizer's own ids, unmasked; and a
   * model file gives back the same model, with its tokenizer.
   */
  @Test
  void ngramModelsTrainAndRoundTripThroughTheirFile() throws IOException {
    Tokenizer r50k = Tokenizers.load("r50k_base");
    NgramModel.Trainer trainer = NgramModel.trainer(r50k, 3, true);
    trainingLines().forEach(trainer::add);
    NgramModel lm = trainer.train();
    assertEquals(trainingLines().size(), trainer.texts());
    assertEquals(3, lm.order());
    assertTrue(lm.canonicalOnly());
    TokenBytes view = TokenBytes.of(r50k);
    List<int[]> plain = trainingLines().stream().map(l -> view.encode(l.getBytes(StandardCharsets.UTF_8), 0, l.getBytes(StandardCharsets.UTF_8).length)).toList();
    KneserNeyModel core = KneserNeyModel.train(plain, 3, r50k.idBound(), view);
    int[] context = r50k.encodeIds("We the People of the United");
    assertArrayEquals(core.nextLogProbs(context), lm.model().nextLogProbs(context));
    assertEquals(core.levels().get(2).stream().mapToLong(c -> c.words().length).sum(), lm.distinctNgrams());

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    LanguageModelFile.write(lm, "r50k_base", file);
    LanguageModelFile.Loaded loaded = LanguageModelFile.read(new ByteArrayInputStream(file.toByteArray()), "test");
    assertEquals("r50k_base", loaded.tokenizerName());
    assertTrue(loaded.model().canonicalOnly());
    assertEquals(3, loaded.model().order());
    assertArrayEquals(lm.model().nextLogProbs(context), loaded.model().model().nextLogProbs(context));
    assertTrue(file.size() < 200_000, "compact: " + file.size() + " bytes");

    Tokenizer small = trained(300);
    NgramModel.Trainer unmasked = NgramModel.trainer(small, 2, false);
    trainingLines().forEach(unmasked::add);
    NgramModel smallLm = unmasked.train();
    assertArrayEquals(KneserNeyModel.train(trainingTexts(small), 2, small.idBound(), null).nextLogProbs(small.encodeIds("the")),
        smallLm.model().nextLogProbs(small.encodeIds("the")));
    ByteArrayOutputStream embedded = new ByteArrayOutputStream();
    LanguageModelFile.write(smallLm, "small.json", embedded);
    LanguageModelFile.Loaded again = LanguageModelFile.read(new ByteArrayInputStream(embedded.toByteArray()), "test");
    assertTrue(!again.model().canonicalOnly());
    int[] ids = small.encodeIds("the United States");
    assertArrayEquals(ids, again.model().tokenizer().encodeIds("the United States"));
    assertArrayEquals(smallLm.model().nextLogProbs(ids), again.model().model().nextLogProbs(ids));
  }

  /**
   * The library's entry point restricts any model to canonical ids before reading bytes: on a model
   * that gives mass to non-canonical ids, its bits are the canonical model's token-level bits, not
   * the raw model's.
   */
  @Test
  void theLibraryEntryPointReadsTheCanonicalModel() {
    Tokenizer small = trained(400);
    TokenBytes tokens = TokenBytes.of(small);
    KneserNeyModel unmasked = KneserNeyModel.train(trainingTexts(small), 3, small.idBound(), null);
    int[] ids = small.encodeIds(HELD_OUT);
    double bits = LanguageModels.bits(LanguageModels.byteLevel(unmasked, small), HELD_OUT.getBytes(StandardCharsets.UTF_8));
    assertEquals(LanguageModels.tokenLevelBits(new CanonicalModel(unmasked, tokens), ids), bits, 1e-9);
    assertTrue(Math.abs(bits - LanguageModels.tokenLevelBits(unmasked, ids)) > 1e-3);
  }
}
