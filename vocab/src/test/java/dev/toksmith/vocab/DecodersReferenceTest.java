package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.DecodeStream;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every decoder and option, read from tokenizer.json by toksmith and by Hugging Face, decoding the
 * same id sequences, with and without special tokens: byte tokens that spell sample lines, cut characters and invalid UTF-8, tokens with
 * prefixes, suffixes, pads and delimiters, and random sequences over a vocabulary made to hit every
 * rule. Each decoder is also written back and must give the JSON Hugging Face writes for it, and
 * decoding the ids one at a time ({@link DecodeStream}) must give the same text.
 */
class DecodersReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RANDOM_SEQUENCES = 200;
  /** Tokens besides the 256 byte tokens; the model is a BPE without merges, so decoding sees them as they are. */
  private static final List<String> TOKENS = List.of(
      "<unk>", "[CLS]", "<0xe2>", "<0x+A>", "<0x+a>", "<0x-1>", "<0xG1>", "<0x1>", "<0x100>", "<0x 1>", "<0x+>>", "<0X41>", "<0x٣٣>",
      "▁", "▁▁", "▁Hey", "▁friend!", "x▁y", "▁▁a▁", "_", "_a", "a_", "😀", "▁😀", "😀x😀",
      "##", "##ing", "##▁", "####", "play", ".", "?", "!", ",", "'", "n't", "'m", "'s", "'ve", "'re", "do", "not", "s", "don", "##'", "##n't",
      "</w>", "a</w>", "the</w>", "</w></w>", "x</w>y", "w>",
      "<pad>", "|", "||", "<pad>a<pad>", "a|b", "<pad>|",
      " a", "  b", "c  ", " d ", "  e  f  ", "\t g",
      "Ġhello", "Ġ", "âĤ¬", "Ċ", "ĠĠ",
      "a.b", "(a)", "$1", "aaa", "a", "b", "x", "Hey", "friend", "日本", "é", "e\u0301", "a b");
  private static final String CLS = "[CLS]";
  private static Map<String, Integer> ids;
  private static ObjectNode base;
  private static List<long[]> structured;

  @BeforeAll
  static void buildModel() throws Exception {
    ids = new LinkedHashMap<>();
    for (String t : TOKENS) ids.put(t, ids.size());
    for (int b = 0; b < 256; b++) ids.put(byteToken(b), ids.size());
    ObjectNode vocab = JSON.createObjectNode();
    ids.forEach(vocab::put);
    base = (ObjectNode) JSON.readTree("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
        + "\"added_tokens\":[{\"id\":" + ids.get(CLS) + ",\"content\":\"[CLS]\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],"
        + "\"normalizer\":null,\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"<unk>\",\"continuing_subword_prefix\":null,\"end_of_word_suffix\":null,"
        + "\"fuse_unk\":false,\"byte_fallback\":false,\"ignore_merges\":false,\"vocab\":{},\"merges\":[]}}");
    ((ObjectNode) base.get("model")).set("vocab", vocab);
    structured = new ArrayList<>();
    for (Sample s : Samples.all()) {
      List<String> lines = Arrays.asList(s.text().split("\n"));
      for (String line : lines.subList(0, Math.min(2, lines.size()))) {
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        structured.add(byteTokens(utf8, -1));
        // A regular token in the middle of the first character of two or more bytes.
        for (int i = 0; i < utf8.length; i++) {
          if ((utf8[i] & 0xC0) == 0xC0) {
            structured.add(byteTokens(utf8, i + 1));
            break;
          }
        }
      }
    }
    for (int[] invalid : new int[][] {{0xC0, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0x80}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xFF}, {0xE2, 0x82, 0xAC, 0x80}}) {
      byte[] bytes = new byte[invalid.length];
      for (int i = 0; i < invalid.length; i++) bytes[i] = (byte) invalid[i];
      structured.add(byteTokens(bytes, -1));
      structured.add(byteTokens(bytes, 1));
    }
    structured.add(new long[0]);
    structured.add(sequence("[CLS]", "▁Hey", "▁friend!", "[CLS]"));
    structured.add(sequence("<pad>", "<pad>", "a", "a", "<pad>", "a", "|", "|", "b", "<pad>"));
    structured.add(sequence("play", "##ing", ".", "do", "not", "'", "s", "n't", "'m", "'ve", "'re", "?", "!", ","));
    structured.add(sequence("a</w>", "the</w>", "x</w>y", "</w></w>"));
  }

  private static String byteToken(int b) {
    return String.format("<0x%02X>", b);
  }

  /** The byte tokens of {@code bytes}, with the token {@code a} inserted before index {@code insertAt} (when not -1). */
  private static long[] byteTokens(byte[] bytes, int insertAt) {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      if (i == insertAt) tokens.add("a");
      tokens.add(byteToken(bytes[i] & 0xFF));
    }
    return sequence(tokens.toArray(new String[0]));
  }

  private static long[] sequence(String... tokens) {
    return Arrays.stream(tokens).mapToLong(ids::get).toArray();
  }

  private static void compare(String decoder) throws Exception {
    compare(decoder, decoder, token -> true);
  }

  /**
   * Decodes the structured sequences and random ones over the tokens {@code allowed} keeps, with and
   * without skipping special tokens, and requires toksmith to write the decoder back as {@code written}.
   */
  private static void compare(String decoder, String written, Predicate<String> allowed) throws Exception {
    ObjectNode variant = base.deepCopy();
    variant.set("decoder", JSON.readTree(decoder));
    String text = JSON.writeValueAsString(variant);
    Tokenizer ours = Tokenizers.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "variant.json");
    List<String> pool = ids.keySet().stream().filter(allowed).toList();
    Random random = new Random(decoder.hashCode());
    List<long[]> sequences = new ArrayList<>();
    for (long[] s : structured) {
      if (Arrays.stream(s).allMatch(id -> allowed.test(tokenOf(id)))) sequences.add(s);
    }
    for (int i = 0; i < RANDOM_SEQUENCES; i++) {
      String[] tokens = new String[random.nextInt(11)];
      for (int k = 0; k < tokens.length; k++) tokens[k] = pool.get(random.nextInt(pool.size()));
      sequences.add(sequence(tokens));
    }
    try (HfReference hf = HfReference.load(text)) {
      for (int i = 0; i < sequences.size(); i++) {
        long[] s = sequences.get(i);
        int[] asInts = Arrays.stream(s).mapToInt(id -> (int) id).toArray();
        // Every other sequence also with special tokens skipped: the reference is slow to call.
        for (boolean skipSpecial : i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {false}) {
          String expected = hf.decode(s, skipSpecial);
          String actual = ours.decode(asInts, skipSpecial);
          String streamed;
          try {
            streamed = streamed(ours, asInts, skipSpecial);
          } catch (IllegalStateException e) {
            streamed = e.toString();
          }
          if (!expected.equals(actual) || !streamed.equals(actual)) {
            String tokens = Arrays.stream(s).mapToObj(DecodersReferenceTest::tokenOf).toList().toString();
            String what = decoder + " decoding " + (tokens.length() > 300 ? tokens.substring(0, 300) + "..." : tokens) + " skip=" + skipSpecial;
            assertEquals(expected, actual, what);
            assertEquals(actual, streamed, "streaming (DecodeStream) " + what);
          }
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(ours, out);
    assertEquals(JSON.readTree(written), JSON.readTree(out.toByteArray()).get("decoder"), "written form of " + decoder);
  }

  /** The text a {@link DecodeStream} gives for the ids one at a time. */
  private static String streamed(Tokenizer tokenizer, int[] ids, boolean skipSpecial) {
    DecodeStream stream = tokenizer.decodeStream(skipSpecial);
    StringBuilder out = new StringBuilder();
    for (int id : ids) out.append(stream.step(id));
    return out.append(stream.finish()).toString();
  }

  private static String tokenOf(long id) {
    for (Map.Entry<String, Integer> e : ids.entrySet()) if (e.getValue() == id) return e.getKey();
    throw new AssertionError(id);
  }

  @Test
  void byteFallbackAndFuse() throws Exception {
    compare("{\"type\":\"ByteFallback\"}");
    compare("{\"type\":\"Fuse\"}");
  }

  @Test
  void metaspaceWithEveryScheme() throws Exception {
    for (String scheme : List.of("always", "first", "never")) {
      compare("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"" + scheme + "\",\"split\":true}");
    }
    compare("{\"type\":\"Metaspace\",\"replacement\":\"_\",\"prepend_scheme\":\"always\",\"split\":false}");
    compare("{\"type\":\"Metaspace\",\"replacement\":\"😀\",\"prepend_scheme\":\"never\",\"split\":true}");
    compare("{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":true,\"str_rep\":\"▁\"}",
        "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"always\",\"split\":true}", token -> true);
  }

  @Test
  void wordPieceWithAndWithoutCleanup() throws Exception {
    compare("{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":true}");
    compare("{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":false}");
    compare("{\"type\":\"WordPiece\",\"prefix\":\"\",\"cleanup\":true}");
    compare("{\"type\":\"WordPiece\",\"prefix\":\"▁\",\"cleanup\":false}");
  }

  @Test
  void bpeDecoderSuffixes() throws Exception {
    compare("{\"type\":\"BPEDecoder\",\"suffix\":\"</w>\"}");
    compare("{\"type\":\"BPEDecoder\",\"suffix\":\"w>\"}");
    compare("{\"type\":\"BPEDecoder\",\"suffix\":\"\"}");
  }

  @Test
  void ctcWithAndWithoutCleanup() throws Exception {
    compare("{\"type\":\"CTC\",\"pad_token\":\"<pad>\",\"word_delimiter_token\":\"|\",\"cleanup\":true}");
    compare("{\"type\":\"CTC\",\"pad_token\":\"<pad>\",\"word_delimiter_token\":\"|\",\"cleanup\":false}");
    compare("{\"type\":\"CTC\",\"pad_token\":\"a\",\"word_delimiter_token\":\"▁\",\"cleanup\":true}");
    compare("{\"type\":\"CTC\",\"pad_token\":\"\",\"word_delimiter_token\":\"\",\"cleanup\":true}");
  }

  /**
   * Strip. Hugging Face 0.21 (and 0.23) panics when the leading and trailing runs it strips overlap,
   * which aborts the JVM here, so tokens made only of the stripped character are kept out.
   */
  @Test
  void stripFromEitherEnd() throws Exception {
    for (int[] startStop : new int[][] {{1, 0}, {0, 1}, {2, 2}, {0, 0}}) {
      String space = "{\"type\":\"Strip\",\"content\":\" \",\"start\":" + startStop[0] + ",\"stop\":" + startStop[1] + "}";
      compare(space, space, token -> !token.isEmpty() && !token.isBlank());
    }
    String meta = "{\"type\":\"Strip\",\"content\":\"▁\",\"start\":1,\"stop\":3}";
    compare(meta, meta, token -> !token.replace("▁", "").isEmpty());
  }

  @Test
  void replaceLiteralsAndRegexes() throws Exception {
    for (String pattern : List.of("{\"String\":\"▁\"}", "{\"String\":\".\"}", "{\"String\":\"(a)\"}", "{\"String\":\"\"}",
        "{\"Regex\":\"▁+\"}", "{\"Regex\":\"\\\\s\"}", "{\"Regex\":\"(a)\"}", "{\"Regex\":\"\"}", "{\"Regex\":\"a*\"}")) {
      compare("{\"type\":\"Replace\",\"pattern\":" + pattern + ",\"content\":\"$1-\"}");
    }
  }

  @Test
  void sequencesOfReleasedModels() throws Exception {
    // Llama 2 and Mistral.
    compare("{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"Replace\",\"pattern\":{\"String\":\"▁\"},\"content\":\" \"},"
        + "{\"type\":\"ByteFallback\"},{\"type\":\"Fuse\"},{\"type\":\"Strip\",\"content\":\" \",\"start\":1,\"stop\":0}]}");
    compare("{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"ByteFallback\"},{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"first\",\"split\":true}]}");
    compare("{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"CTC\",\"pad_token\":\"<pad>\",\"word_delimiter_token\":\"|\",\"cleanup\":true},"
        + "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"always\",\"split\":true}]}");
    compare("{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"Fuse\"},{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":true}]}");
    compare("{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true},"
        + "{\"type\":\"Replace\",\"pattern\":{\"String\":\"hello\"},\"content\":\"bye\"}]}");
    compare("{\"type\":\"Sequence\",\"decoders\":[]}");
  }

  @Test
  void byteLevel() throws Exception {
    compare("{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true}");
  }
}
