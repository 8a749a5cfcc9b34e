package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.TokenizerSpec.WordPooled.Units;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec grammar, parsed by the library, and what each form loads. */
class TokenizerSpecTest {
  private static final String TEXT = "Héllo, wörld! 東京 😀 naïve";

  @TempDir Path dir;

  @Test
  void namesPathsAndRankFilesWithTheirPattern() throws IOException {
    assertEquals(new TokenizerSpec.Named("gpt-4o"), TokenizerSpec.parse("gpt-4o"));
    assertEquals(new TokenizerSpec.Named("unicode"), TokenizerSpec.parse("unicode"));
    assertEquals(new TokenizerSpec.RankFile("a.tiktoken#pattern=r50k_base", "a.tiktoken", "r50k_base"), TokenizerSpec.parse("a.tiktoken#pattern=r50k_base"));
    // A regex may hold the marker again: only the first splits.
    assertEquals(new TokenizerSpec.RankFile("a#pattern=x#pattern=y", "a", "x#pattern=y"), TokenizerSpec.parse("a#pattern=x#pattern=y"));
    // An existing path wins over the #pattern= form.
    Path odd = Files.createDirectories(dir.resolve("odd#pattern=x"));
    assertEquals(new TokenizerSpec.Named(odd.toString()), TokenizerSpec.parse(odd.toString()));
  }

  @Test
  void wordPooledFormsNestTheirBaseSpec() {
    assertEquals(new TokenizerSpec.WordPooled("word-pooled:bytes", Units.BYTES, null), TokenizerSpec.parse("word-pooled:bytes"));
    assertEquals(new TokenizerSpec.WordPooled("word-pooled:chars", Units.CODE_POINTS, null), TokenizerSpec.parse("word-pooled:chars"));
    TokenizerSpec.WordPooled chars = (TokenizerSpec.WordPooled) TokenizerSpec.parse("word-pooled:chars:v.json");
    assertEquals(Units.CHAR_VOCABULARY, chars.units());
    assertEquals(new TokenizerSpec.Named("v.json"), chars.base());
    TokenizerSpec.WordPooled subwords = (TokenizerSpec.WordPooled) TokenizerSpec.parse("word-pooled:subwords:r.tiktoken#pattern=gpt2");
    assertEquals(Units.SUBWORDS, subwords.units());
    assertEquals(new TokenizerSpec.RankFile("r.tiktoken#pattern=gpt2", "r.tiktoken", "gpt2"), subwords.base());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.parse("word-pooled:words"));
    assertEquals("unknown word-pooled tokenizer word-pooled:words (choose " + TokenizerSpec.WordPooled.FORMS + ")", unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TokenizerSpec.WordPooled("x", Units.SUBWORDS, null));
  }

  @Test
  void loadingASpecGivesWhatTheLoadersGive() throws IOException {
    assertArrayEquals(Tokenizers.load("gpt2").encodeIds(TEXT), Tokenizers.load(TokenizerSpec.parse("r50k_base")).encodeIds(TEXT));
    Path json = dir.resolve("tokenizer.json");
    Tokenizers.save(Tokenizers.load("gpt2"), json);
    assertArrayEquals(Tokenizers.load(json).encodeIds(TEXT), Tokenizers.load(TokenizerSpec.parse(dir.toString())).encodeIds(TEXT));
    IOException pooled = assertThrows(IOException.class, () -> Tokenizers.load("word-pooled:bytes"));
    assertTrue(pooled.getMessage().startsWith("word-pooled:bytes: a word-pooled tokenizer"), pooled.getMessage());
  }

  @Test
  void wordPooledSpecsLoadTheUnitsTheyName() throws IOException {
    assertSame(WordPooledTokenizers.bytes(4, 1), load("word-pooled:bytes", 4, 1));
    assertSame(WordPooledTokenizers.codePoints(3, 0), load("word-pooled:chars", 3, 0));
    assertSame(WordPooledTokenizers.subwords(Tokenizers.load("cl100k_base"), 5, 2), load("word-pooled:subwords:cl100k_base", 5, 2));
    CharVocabulary vocabulary = CharVocabulary.of("Hélo, wrd!".codePoints().toArray());
    Path saved = dir.resolve("chars.json");
    Tokenizers.save(vocabulary.asTokenizer(), saved);
    assertSame(WordPooledTokenizers.chars(vocabulary, 4, 0), load("word-pooled:chars:" + saved, 4, 0));
    assertThrows(IllegalArgumentException.class, () -> load("word-pooled:chars:gpt2", 4, 0));
    assertThrows(IllegalArgumentException.class, () -> load("word-pooled:bytes", 0, 0));
  }

  private static WordPooledTokenizer load(String spec, int maxUnits, int slots) throws IOException {
    return Tokenizers.loadWordPooled((TokenizerSpec.WordPooled) TokenizerSpec.parse(spec), maxUnits, slots);
  }

  /** Same layout and the same ids for a text in many scripts. */
  private static void assertSame(WordPooledTokenizer expected, WordPooledTokenizer actual) {
    assertEquals(expected.describeUnits(), actual.describeUnits());
    assertEquals(expected.width(), actual.width());
    assertEquals(expected.idBound(), actual.idBound());
    assertArrayEquals(expected.encode(TEXT).ids(), actual.encode(TEXT).ids());
  }
}
