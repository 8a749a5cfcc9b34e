package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.DecodeStream;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.core.text.RedecodingStream;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link DecodeStream} against decoding all ids at once, over random id sequences of real
 * tokenizers: the tiktoken encodings, the model families' fixtures (byte-level BPE, byte fallback
 * with Metaspace and Strip, WordPiece, Unigram; also decoded by Hugging Face, DJL, as a second
 * oracle), the same fixtures with decoders that stream by decoding the last ids again (BPEDecoder,
 * CTC, none, chains after Fuse), a SentencePiece {@code .model} and, when fetched, real tokenizer.json files (GPT-2, Llama 2,
 * BERT, Gemma 3, ...). The sequences favour the ids that split characters (byte tokens, tokens whose
 * bytes are not whole UTF-8) and special tokens, mixed with encodings of multilingual text cut
 * anywhere. After every id the text written so far must be a prefix of the decoding of the ids so
 * far, and at the end it must be the decoding of all of them, with and without special tokens.
 * {@link Tokenizer#tokenTexts}, which follows Hugging Face's stream, must join to the decoding too.
 */
class DecodeStreamTest {
  private static final Path FAMILIES = Path.of("src/test/resources/families");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SEQUENCES = 300;
  private static final int MAX_LENGTH = 48;
  private static final List<String> TEXTS = List.of(
      "Emoji 😀 and 法院, 🏳️‍🌈 e\u0301 split across byte tokens", "中文字符和日本語のテキスト、한국어 텍스트。",
      "हिन्दी क्षत्रिय, தமிழ் ஸ்ரீ, ภาษาไทย", "don't I'LL we'Ve, O'Neil. What?! x\u00A0y \u2581 <0x41> ##s", "  two  spaces\tand\nlines  ");

  @TestFactory
  Stream<DynamicTest> tiktokenEncodings() {
    return Stream.of("r50k_base", "cl100k_base", "o200k_base").map(name -> DynamicTest.dynamicTest(name, () -> check(name, Tokenizers.load(name), null, true)));
  }

  @TestFactory
  Stream<DynamicTest> modelFamilies() {
    return Stream.of("roberta", "llama2", "bert-uncased", "t5", "xlm-roberta").map(family -> DynamicTest.dynamicTest(family, () -> {
      Path file = FAMILIES.resolve(family + ".json");
      try (HfReference hf = HfReference.load(Files.readString(file))) {
        check(family, Tokenizers.load(file), hf, true);
      }
    }));
  }

  /**
   * Decoders no faster stream serves, which decode the last few ids again at each step (BPEDecoder,
   * CTC, none) or hold everything until the end (chains that change the joined text), swapped into
   * the families' fixtures; Hugging Face decodes them too.
   */
  @TestFactory
  Stream<DynamicTest> redecodedChains() {
    String replace = "{\"type\":\"Replace\",\"pattern\":{\"String\":\"\u2581\"},\"content\":\" \"}";
    return Stream.of(
        new String[] {"roberta", "{\"type\":\"BPEDecoder\",\"suffix\":\"</w>\"}"},
        new String[] {"bert-uncased", "{\"type\":\"CTC\",\"pad_token\":\"[PAD]\",\"word_delimiter_token\":\"##s\",\"cleanup\":true}"},
        new String[] {"xlm-roberta", "{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"CTC\",\"pad_token\":\"<pad>\",\"word_delimiter_token\":\"\u2581\",\"cleanup\":false},{\"type\":\"BPEDecoder\",\"suffix\":\"s\"}]}"},
        new String[] {"t5", "null"},
        new String[] {"llama2", "{\"type\":\"Sequence\",\"decoders\":[" + replace + ",{\"type\":\"ByteFallback\"},{\"type\":\"Fuse\"},{\"type\":\"Strip\",\"content\":\" \",\"start\":1,\"stop\":1}]}"},
        new String[] {"llama2", "{\"type\":\"Sequence\",\"decoders\":[" + replace + ",{\"type\":\"ByteFallback\"},{\"type\":\"Fuse\"},{\"type\":\"Replace\",\"pattern\":{\"String\":\"  \"},\"content\":\"_\"}]}"})
        .map(variant -> DynamicTest.dynamicTest(variant[0] + " " + variant[1], () -> {
          ObjectNode json = (ObjectNode) JSON.readTree(FAMILIES.resolve(variant[0] + ".json").toFile());
          json.set("decoder", JSON.readTree(variant[1]));
          String text = JSON.writeValueAsString(json);
          try (HfReference hf = HfReference.load(text)) {
            Tokenizer tok = Tokenizers.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), variant[0] + ".json");
            assertInstanceOf(RedecodingStream.class, tok.decodeStream(false));
            check(variant[0], tok, hf, false);
          }
        }));
  }

  @TestFactory
  Stream<DynamicTest> sentencePieceModels() {
    return Stream.of("bpe.model", "unigram.model").map(name -> DynamicTest.dynamicTest(name, () -> check(name, Tokenizers.load(Path.of("src/test/resources/sentencepiece", name)), null, true)));
  }

  @TestFactory
  Stream<DynamicTest> realTokenizers() throws IOException {
    return RealTokenizerFiles.eachFile(Path.of(""), file -> check(file.getFileName().toString(), Tokenizers.load(file), null, true));
  }

  /** A long run of ids that never forms a character (held whole by Hugging Face's stream, decoded again at every id). */
  @Test
  void aLongRunThatNeverFormsACharacterDecodesAsAWhole() throws Exception {
    for (String name : List.of("llama2", "roberta")) {
      Tokenizer tok = Tokenizers.load(FAMILIES.resolve(name + ".json"));
      // The lead byte of a three-byte character: the byte token <0xE6>, or the byte-level token of that byte alone.
      int lead = tok.tokenToId("<0xE6>").orElse(-1);
      for (int id = 0; lead < 0 && id < tok.idBound(); id++) {
        if (tok.idToToken(id).isPresent() && Arrays.equals(tok.decodeBytes(new int[] {id}, false), new byte[] {(byte) 0xE6})) lead = id;
      }
      int[] ids = new int[20_000];
      Arrays.fill(ids, lead);
      DecodeStream stream = tok.decodeStream(false);
      StringBuilder out = new StringBuilder();
      for (int id : ids) out.append(stream.step(id));
      out.append(stream.finish());
      assertEquals(tok.decode(ids, false), out.toString(), name);
    }
  }

  /**
   * Token texts follow Hugging Face's stream (a character goes to the token its bytes end in), and
   * join to the decoding even when a later byte token turns a character already complete into U+FFFD
   * (Llama 2's ByteFallback makes a whole run invalid): they gave "法" and then threw.
   */
  @Test
  void tokenTextsOfAByteRunALaterByteMakesInvalid() throws Exception {
    Tokenizer tok = Tokenizers.load(FAMILIES.resolve("llama2.json"));
    int[] fa = {tok.tokenToId("<0xE6>").getAsInt(), tok.tokenToId("<0xB3>").getAsInt(), tok.tokenToId("<0x95>").getAsInt()};
    int continuation = tok.tokenToId("<0x80>").getAsInt();
    int word = tok.encodeIds("hello")[1];
    assertEquals(List.of("", "", "法", tok.tokenTexts(new int[] {word}).get(0)), tok.tokenTexts(new int[] {fa[0], fa[1], fa[2], word}));
    for (int[] ids : List.of(new int[] {fa[0], fa[1], fa[2], continuation}, new int[] {fa[0], fa[1], fa[2], continuation, word}, new int[] {word, fa[0], fa[1], fa[2], continuation, fa[0], word})) {
      List<String> texts = tok.tokenTexts(ids);
      assertEquals(ids.length, texts.size());
      assertEquals(tok.decode(ids, false), String.join("", texts), Arrays.toString(ids));
      assertTrue(String.join("", texts).indexOf('法') < 0, texts::toString);
    }
  }

  @Test
  void aRefusedIdLeavesTheStreamAsItWas() throws Exception {
    for (Tokenizer tok : List.of(Tokenizers.load("cl100k_base"), Tokenizers.load(FAMILIES.resolve("llama2.json")), Tokenizers.load(FAMILIES.resolve("bert-uncased.json")))) {
      int[] ids = tok.encodeIds("Emoji 😀 and 法院");
      DecodeStream stream = tok.decodeStream(false);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < ids.length; i++) {
        out.append(stream.step(ids[i]));
        if (i == ids.length / 2) assertThrows(IllegalArgumentException.class, () -> stream.step(tok.idBound() + 7));
      }
      out.append(stream.finish());
      assertEquals(tok.decode(ids, false), out.toString());
      // After finish the stream starts over.
      out.setLength(0);
      for (int id : ids) out.append(stream.step(id));
      assertEquals(tok.decode(ids, false), out.append(stream.finish()).toString());
    }
  }

  /**
   * @param promptly whether the text of whole characters must be written as soon as its id comes (not
   *     for decoders that wait for the next id, or for the end)
   */
  private static void check(String name, Tokenizer tok, HfReference hf, boolean promptly) {
    IntArrayList partial = partialIds(tok);
    IntArrayList special = new IntArrayList();
    for (String s : tok.specialTokens()) tok.tokenToId(s).ifPresent(special::add);
    List<int[]> encoded = new ArrayList<>();
    for (String text : TEXTS) encoded.add(tok.encodeIds(text));
    String decoder = String.valueOf(tok.description().decoder());
    if (decoder.contains("ByteLevel") || decoder.contains("ByteFallback")) assertTrue(partial.size() >= 128, name + ": ids that split a character, " + partial.size());
    Random random = new Random(name.hashCode());
    for (int n = 0; n < SEQUENCES; n++) {
      int[] ids = randomIds(tok, random, partial, special, encoded);
      assertEquals(tok.decode(ids, false), String.join("", tok.tokenTexts(ids)), () -> name + " token texts of " + Arrays.toString(ids));
      for (boolean skip : new boolean[] {false, true}) {
        String whole = tok.decode(ids, skip);
        String context = name + " ids " + Arrays.toString(ids) + " skip " + skip;
        // Hugging Face decodes an encoded surrogate (WTF-8) as invalid bytes; toksmith keeps it (decided, documented).
        if (hf != null && !surrogateBytes(tok.decodeBytes(ids, skip))) assertEquals(hf.decode(Arrays.stream(ids).asLongStream().toArray(), skip), whole, () -> "Hugging Face: " + context);
        DecodeStream stream = tok.decodeStream(skip);
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < ids.length; k++) {
          out.append(stream.step(ids[k]));
          String sofar = tok.decode(Arrays.copyOf(ids, k + 1), skip);
          int read = k + 1;
          assertTrue(sofar.startsWith(out.toString()), () -> context + ": after " + read + " ids wrote " + Excerpt.quote(out.toString()) + ", not a prefix of " + Excerpt.quote(sofar));
        }
        out.append(stream.finish());
        assertEquals(whole, out.toString(), context);
      }
    }
    // Text of whole characters is written as it comes: encodings of whole texts are streamed without delay
    // except for runs of byte tokens (which a later byte could still make invalid).
    for (int[] ids : promptly ? encoded : List.<int[]>of()) {
      DecodeStream stream = tok.decodeStream(false);
      StringBuilder out = new StringBuilder();
      for (int k = 0; k < ids.length; k++) {
        out.append(stream.step(ids[k]));
        String sofar = tok.decode(Arrays.copyOf(ids, k + 1), false);
        boolean byteToken = tok.idToToken(ids[k]).orElse("").matches("<0x[0-9A-F]{2}>");
        if (k > 0 && !byteToken && !sofar.endsWith("\uFFFD")) assertEquals(sofar, out.toString(), name + " after " + (k + 1) + " ids of " + Arrays.toString(ids));
      }
    }
  }

  /** Whether the bytes hold the start of a surrogate's WTF-8 sequence, ED A0..BF, whole or not. */
  private static boolean surrogateBytes(byte[] b) {
    for (int i = 0; i + 1 < b.length; i++) if (b[i] == (byte) 0xED && (b[i + 1] & 0xE0) == 0xA0) return true;
    return false;
  }

  /** Ids whose bytes alone are not whole UTF-8 characters: byte tokens, and byte-level tokens that cut a character. */
  private static IntArrayList partialIds(Tokenizer tok) {
    IntArrayList partial = new IntArrayList();
    for (int id = 0; id < tok.idBound(); id++) {
      if (tok.idToToken(id).isEmpty() || tok.isSpecialToken(id)) continue;
      byte[] bytes = tok.decodeBytes(new int[] {id}, false);
      if (bytes.length > 0 && !Utf8.isValid(bytes) || tok.idToToken(id).get().matches("<0x[0-9A-F]{2}>")) partial.add(id);
    }
    return partial;
  }

  private static int[] randomIds(Tokenizer tok, Random random, IntArrayList partial, IntArrayList special, List<int[]> encoded) {
    int length = 1 + random.nextInt(MAX_LENGTH);
    IntArrayList ids = new IntArrayList();
    while (ids.size() < length) {
      int kind = random.nextInt(10);
      if (kind < 4 && !partial.isEmpty()) {
        // A run of character-splitting ids, so that characters are cut and runs of bytes turn invalid.
        for (int r = 1 + random.nextInt(4); r > 0; r--) ids.add(partial.getInt(random.nextInt(partial.size())));
      } else if (kind < 7) {
        int id = random.nextInt(tok.idBound());
        if (tok.idToToken(id).isPresent()) ids.add(id);
      } else if (kind < 9) {
        int[] text = encoded.get(random.nextInt(encoded.size()));
        if (text.length == 0) continue;
        int from = random.nextInt(text.length);
        ids.addAll(IntArrayList.wrap(Arrays.copyOfRange(text, from, Math.min(text.length, from + 1 + random.nextInt(8)))));
      } else if (!special.isEmpty()) {
        ids.add(special.getInt(random.nextInt(special.size())));
      }
    }
    return ids.toIntArray();
  }
}
