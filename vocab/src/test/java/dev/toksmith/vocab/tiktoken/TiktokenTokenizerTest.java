package dev.toksmith.vocab.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of the tiktoken tokenizers beyond ids: round trips, special tokens, vocabulary, loading. */
class TiktokenTokenizerTest {
  @TempDir Path dir;

  private static TiktokenTokenizer load(String name) throws IOException {
    return TiktokenEncodings.load(name).orElseThrow();
  }

  private static final String[] PARTS = {"a", "é", "中", "😀", "\uD800", "\uDFFF", "\uDBFF\uDFFF", " ", "\n", "\r", "'s", "<|endoftext|>", "1", "!", "\u0301", "\u0000"};

  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "p50k_edit", "cl100k_base", "o200k_harmony"})
  void decodeInvertsEncodeForEveryStringAndEveryByteString(String name) throws IOException {
    TiktokenTokenizer plain = load(name);
    TiktokenTokenizer all = plain.withAllowedSpecial(plain.specialTokens());
    Random random = new Random(name.hashCode());
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) sb.append(PARTS[random.nextInt(PARTS.length)]);
      String text = sb.toString();
      for (TiktokenTokenizer tok : new TiktokenTokenizer[] {plain, all}) {
        int[] ids = tok.encodeIds(text);
        assertEquals(text, tok.decode(ids), () -> "text " + text.chars().mapToObj(c -> String.format("%04X", c)).toList());
        Encoding e = tok.encode(text);
        assertArrayEquals(ids, e.ids());
        assertEquals(String.join("", tok.tokenTexts(ids)), tok.decode(ids));
        for (int t = 0; t < e.size(); t++) {
          assertEquals(tok.idToToken(e.id(t)).orElseThrow(), e.tokens().get(t));
          // As in Hugging Face, only tokens a post-processor adds are in the special-token mask.
          assertFalse(e.isSpecial(t));
          assertTrue(e.start(t) < e.end(t) && (t == 0 || e.start(t) >= e.start(t - 1)), "offsets in order");
        }
      }
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, plain.decodeBytes(plain.encodeBytes(bytes), false));
    }
  }

  /**
   * Expected ids from jtokkit. It encodes special tokens only as text ({@code encodeOrdinary}; its
   * {@code encode} refuses them, as tiktoken's does by default) and decodes their ids; with special
   * tokens allowed, tiktoken encodes the text between them as ordinary text and each one as its id.
   */
  @Test
  void specialTokensAreTextUnlessAllowed() throws IOException {
    TiktokenTokenizer cl100k = load("cl100k_base");
    com.knuddels.jtokkit.api.Encoding jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    int endOfText = specialId(jtokkit, 100257, "<|endoftext|>");
    int fimPrefix = specialId(jtokkit, 100258, "<|fim_prefix|>");
    String text = "a<|endoftext|>b<|fim_prefix|>";
    assertThrows(UnsupportedOperationException.class, () -> jtokkit.encode(text));
    assertArrayEquals(jtokkit.encodeOrdinary(text).toArray(), cl100k.encodeIds(text));
    int[] a = jtokkit.encodeOrdinary("a").toArray();
    int[] b = jtokkit.encodeOrdinary("b").toArray();
    assertArrayEquals(concat(a, new int[] {endOfText}, b, new int[] {fimPrefix}), cl100k.withAllowedSpecial(cl100k.specialTokens()).encodeIds(text));
    TiktokenTokenizer endOfTextOnly = cl100k.withAllowedSpecial(Set.of("<|endoftext|>"));
    int[] rest = jtokkit.encodeOrdinary("b<|fim_prefix|>").toArray();
    assertArrayEquals(concat(a, new int[] {endOfText}, rest), endOfTextOnly.encodeIds(text));
    Encoding e = endOfTextOnly.encode(text);
    assertEquals("<|endoftext|>", e.tokens().get(1));
    assertTrue(endOfTextOnly.isSpecialToken(e.id(1)));
    assertEquals(1, e.start(1));
    assertEquals(14, e.end(1));
    assertEquals(jtokkit.decode(ids(rest)), endOfTextOnly.decode(rest));
    assertEquals(jtokkit.decode(ids(concat(a, new int[] {endOfText}, b))), endOfTextOnly.decode(concat(a, new int[] {endOfText}, b)));
    assertEquals("ab", endOfTextOnly.decode(concat(a, new int[] {endOfText}, b), true), "special tokens skipped");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> cl100k.withAllowedSpecial(Set.of("<|im_start|>")));
    assertTrue(unknown.getMessage().contains("<|im_start|>"), unknown.getMessage());
  }

  /** A special token's id, checked against jtokkit's decoding of it. */
  private static int specialId(com.knuddels.jtokkit.api.Encoding jtokkit, int id, String token) {
    assertEquals(token, jtokkit.decode(ids(new int[] {id})));
    return id;
  }

  private static IntArrayList ids(int[] values) {
    IntArrayList list = new IntArrayList(values.length);
    for (int v : values) list.add(v);
    return list;
  }

  private static int[] concat(int[]... parts) {
    return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void vocabularyFormsAreHuggingFacesByteLevelSpelling() throws IOException {
    TiktokenTokenizer cl100k = load("cl100k_base");
    int the = cl100k.encodeIds(" the")[0];
    assertEquals(Optional.of("Ġthe"), cl100k.idToToken(the));
    assertEquals(the, cl100k.tokenToId("Ġthe").orElseThrow());
    assertEquals(100257, cl100k.tokenToId("<|endoftext|>").orElseThrow());
    assertEquals(Optional.of("<|endofprompt|>"), cl100k.idToToken(100276));
    assertTrue(cl100k.isSpecialToken(100276));
    assertFalse(cl100k.isSpecialToken(the));
    assertTrue(cl100k.tokenToId("no such token").isEmpty());
    assertTrue(cl100k.idToToken(100261).isEmpty(), "100261..100275 are unused");
    IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> cl100k.decode(new int[] {the, 100261}));
    assertTrue(gap.getMessage().contains("100261"), gap.getMessage());
    assertThrows(IllegalArgumentException.class, () -> cl100k.decode(new int[] {-1}));
  }

  @ParameterizedTest
  @CsvSource({"r50k_base,50257,50257", "gpt2,50257,50257", "p50k_base,50281,50281", "p50k_edit,50284,50284", "cl100k_base,100261,100277",
      "o200k_base,200000,200019", "o200k_harmony,201088,201088"})
  void vocabularySizesAreTiktokens(String name, int vocabSize, int nVocab) throws IOException {
    assertEquals(vocabSize, load(name).vocabSize());
    assertEquals(nVocab, load(name).idBound());
  }

  @Test
  void harmonysSecondNameFor200018() throws IOException {
    TiktokenTokenizer harmony = load("o200k_harmony");
    assertEquals(200018, harmony.tokenToId("<|reserved_200018|>").orElseThrow());
    assertEquals(200018, harmony.tokenToId("<|endofprompt|>").orElseThrow());
    assertEquals(Optional.of("<|endofprompt|>"), harmony.idToToken(200018));
    assertEquals(Optional.of("<|reserved_201087|>"), harmony.idToToken(201087));
    assertArrayEquals(new int[] {200006, 200018}, harmony.withAllowedSpecial(harmony.specialTokens()).encodeIds("<|start|><|reserved_200018|>"));
  }

  @ParameterizedTest
  @CsvSource({"gpt-4o,o200k_base", "gpt-4o-2024-08-06,o200k_base", "gpt-4,cl100k_base", "gpt-4-0613,cl100k_base", "gpt-3.5-turbo,cl100k_base",
      "text-embedding-3-small,cl100k_base", "text-davinci-003,p50k_base", "code-davinci-edit-001,p50k_edit", "davinci,r50k_base",
      "gpt-oss-20b,o200k_harmony", "o1,o200k_base", "o3-mini-2025-01-31,o200k_base", "ft:gpt-4o:acme,o200k_base", "gpt2,gpt2", "gpt-2,gpt2",
      "cl100k_base,cl100k_base", "gpt-5-mini,o200k_base", "gpt-4.1-nano,o200k_base"})
  void modelNamesMapAsTiktokensTables(String model, String encoding) {
    assertEquals(Optional.of(encoding), TiktokenEncodings.encodingNameFor(model));
  }

  @Test
  void unknownNamesMapToNothing() {
    assertEquals(Optional.empty(), TiktokenEncodings.encodingNameFor("llama-3"));
    assertEquals(Optional.empty(), TiktokenEncodings.encodingNameFor("CL100K_BASE"));
    assertEquals(java.util.List.of("cl100k_base", "gpt2", "o200k_base", "o200k_harmony", "p50k_base", "p50k_edit", "r50k_base"), TiktokenEncodings.names());
  }

  private static byte[] resource(String file) throws IOException {
    try (InputStream in = TiktokenEncodings.class.getResourceAsStream(file)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aRankFileThatFailsItsHashIsRejected() throws IOException {
    byte[] content = resource("r50k_base.tiktoken");
    content[5] ^= 1;
    String expected = "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930";
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> TiktokenEncodings.readVerified(new ByteArrayInputStream(content), "r50k_base.tiktoken", expected));
    assertTrue(e.getMessage().startsWith("r50k_base.tiktoken: SHA-256 ") && e.getMessage().contains("differs from " + expected), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "IQ== 0\\nIg==|x.tiktoken:2: expected a base64 token and a rank, found 1 field",
      "IQ== 0\\n\\nIg== 1 2|x.tiktoken:3: expected a base64 token and a rank, found 3 fields",
      "IQ== 0\\nI@== 1|x.tiktoken:2: invalid base64 token I@==",
      "IQ== 0\\nIg== -1|x.tiktoken:2: rank -1 is not a non-negative integer",
      "IQ== 0\\nIg== +1|x.tiktoken:2: rank +1 is not a non-negative integer",
      "IQ== 0\\nIg== 0|x.tiktoken:2: rank 0 already given on line 1",
      "IQ== 0\\nIQ== 1|x.tiktoken:2: token IQ== already given on line 1",
      "IQ== 0\\nIg== 1|x.tiktoken: no token for the single byte 0x00"})
  void malformedRankFilesNameTheLine(String content, String message) {
    byte[] bytes = content.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> RankFile.parse(bytes, "x.tiktoken"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aRankFileLoadsByPathWithAPattern() throws IOException {
    Path file = dir.resolve("mine.tiktoken");
    Files.write(file, resource("cl100k_base.tiktoken"));
    TiktokenTokenizer builtIn = load("cl100k_base");
    String text = "Hello, world's 1234!!\n\n  <|endoftext|>";
    Tokenizer byName = Tokenizers.loadTiktoken(file, "cl100k_base");
    assertArrayEquals(builtIn.encodeIds(text), byName.encodeIds(text));
    Tokenizer byRegex = Tokenizers.loadTiktoken(file, builtIn.patternText());
    assertArrayEquals(builtIn.encodeIds(text), byRegex.encodeIds(text));
    assertEquals(100256, byRegex.vocabSize());
    IOException noPattern = assertThrows(IOException.class, () -> Tokenizers.loadTiktoken(file, null));
    assertTrue(noPattern.getMessage().contains(file + "#pattern=cl100k_base"), noPattern.getMessage());
    IOException badRegex = assertThrows(IOException.class, () -> Tokenizers.loadTiktoken(file, "(unclosed"));
    assertTrue(badRegex.getMessage().contains("not a valid regex"), badRegex.getMessage());
    // The pattern rides in the spec, as --tokenizer and Tokenizers.load(String) take it.
    assertArrayEquals(builtIn.encodeIds(text), Tokenizers.load(file + "#pattern=cl100k_base").encodeIds(text));
    assertArrayEquals(builtIn.encodeIds(text), Tokenizers.load(file + "#pattern=" + builtIn.patternText()).encodeIds(text));
    assertThrows(java.nio.file.NoSuchFileException.class, () -> Tokenizers.load(dir.resolve("missing.tiktoken") + "#pattern=cl100k_base"));
  }

  @Test
  void unknownSpecsListTheBuiltInNames() {
    IOException e = assertThrows(IOException.class, () -> Tokenizers.load("no-such-tokenizer"));
    assertTrue(e.getMessage().contains("cl100k_base, gpt2, o200k_base, o200k_harmony, p50k_base, p50k_edit, r50k_base"), e.getMessage());
  }
}
