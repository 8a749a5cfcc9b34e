package dev.toksmith.vocab.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.core.pretokenizers.Cl100kPattern;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.RealTokenizerFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local canonicality test ({@link TokenBytes#validNext}) against the full re-encode check
 * ({@link TokenBytes#validNextByReencoding}, and {@code encode(decode(ids)) == ids} itself) on real
 * and random token sequences, for every built-in encoding, a tokenizer.json trained here and the
 * fetched real GPT-2 style files.
 */
class CanonicalityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Texts whose junctions matter: contractions, digit runs, space runs before words and line ends, marks, CJK, emoji, raw bytes. */
  private static final String[] EDGES = {
    "don't", "they'", "they'r", "THEY'RE", "we'll", "1234567", "12", "x  ", "x   y", "a \n", "a\n\n  ", "line\r\n",
    "“The", "naïve", "nai\u0308ve", "e\u0301", "<think>", "a</think>b", "x<thi", "<|im_end|>", "Å", "思考する", "ﬁ", "日本語の", "😀👍🏽", "tab\t", "a/", "path/to/", "(1)", "U.S.", " ", "", "HelloWorld", "ſ'S", "a<|endoftext|>b",
    // DeepSeek's splits: numbers in threes, kana and ideograph runs (with their punctuation), spaces before either.
    "x 123", "a\t\t1", "カ・ナ", "2024年12月", "日本 語", "abc1234def", "a\u200db", "x.y ", "<｜User｜>hi", "a<｜Assis"
  };

  /**
   * A built-in encoding, a tokenizer trained here, or one of two tokenizer.json files shaped as Llama 3
   * and Qwen ship theirs (a Split regex, then a ByteLevel that only maps bytes): {@code cl100k-json},
   * cl100k_base as toksmith writes it (Llama 3's regex, ignore_merges); {@code trained-qwen-split},
   * the trained tokenizer with Qwen's regex in front; {@code trained-qwen}, that with Qwen's NFC
   * normalizer and added tokens that are not special (one of them non-ASCII) beside a special one;
   * {@code trained-deepseek}, the trained tokenizer with DeepSeek V3's three splits in front.
   */
  static Tokenizer tokenizer(String name) {
    List<Corpus.Source> sources = new ArrayList<>();
    for (String sample : List.of("us-declaration-of-independence", "us-constitution", "udhr-jpn", "emoji-test")) {
      sources.add(new Corpus.Source(sample, () -> Samples.byName(sample).open()));
    }
    try {
      if (name.equals("cl100k-json")) return Tokenizers.load(new ByteArrayInputStream(json(Tokenizers.load("cl100k_base"))), name);
      if (!name.startsWith("trained")) return Tokenizers.load(name);
      ByteLevelBpeTrainer.Builder trainer = ByteLevelBpeTrainer.builder().vocabSize(1500);
      if (name.equals("trained-special")) trainer.specialTokens(List.of("<|endoftext|>", "<|pad|>"));
      Tokenizer trained = trainer.build().train(Corpus.ofSources(sources)).tokenizer();
      if (!name.startsWith("trained-qwen") && !name.equals("trained-deepseek")) return trained;
      ObjectNode file = (ObjectNode) JSON.readTree(json(trained));
      ObjectNode byteLevel = JSON.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false).put("use_regex", false);
      ObjectNode sequence = JSON.createObjectNode().put("type", "Sequence");
      ArrayNode stages = sequence.putArray("pretokenizers");
      List<String> regexes = name.equals("trained-deepseek") ? DEEPSEEK_SPLITS : List.of(Cl100kPattern.QWEN_REGEX);
      for (String regex : regexes) {
        ObjectNode split = stages.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", regex);
        split.put("behavior", "Isolated").put("invert", false);
      }
      stages.add(byteLevel);
      file.set("pre_tokenizer", sequence);
      if (name.equals("trained-qwen")) {
        // Qwen's file around it too: NFC, and added tokens that are not special beside one that is.
        file.putObject("normalizer").put("type", "NFC");
        int next = file.get("model").get("vocab").size();
        ArrayNode added = file.putArray("added_tokens");
        for (String content : List.of("<think>", "</think>", "<|im_end|>", "思考")) {
          added.addObject().put("id", next++).put("content", content).put("single_word", false).put("lstrip", false)
              .put("rstrip", false).put("normalized", false).put("special", content.equals("<|im_end|>"));
        }
      }
      if (name.equals("trained-deepseek")) {
        // DeepSeek's file around it too: an empty normalizer sequence, a special token and added
        // tokens that are not special, matched in the normalized text (which is the text).
        file.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
        int next = file.get("model").get("vocab").size();
        ArrayNode added = file.putArray("added_tokens");
        for (String content : List.of("<｜end▁of▁sentence｜>", "<｜User｜>", "<｜Assistant｜>")) {
          boolean special = content.contains("sentence");
          added.addObject().put("id", next++).put("content", content).put("single_word", false).put("lstrip", false)
              .put("rstrip", false).put("normalized", !special).put("special", special);
        }
      }
      return Tokenizers.load(new ByteArrayInputStream(JSON.writeValueAsBytes(file)), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** DeepSeek V3's three split regexes, as its tokenizer.json holds them. */
  static final List<String> DEEPSEEK_SPLITS = List.of(
      "\\p{N}{1,3}",
      "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+",
      "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+");

  private static byte[] json(Tokenizer tokenizer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(tokenizer, out);
    return out.toByteArray();
  }

  @Test
  void splitRegexFilesTakeTheLocalTest() {
    // The split is the same as tiktoken's, so the tokenizer.json form encodes plain text as the built-in does.
    TokenBytes json = TokenBytes.of(tokenizer("cl100k-json"));
    TokenBytes tiktoken = TokenBytes.of(tokenizer("cl100k_base"));
    for (String text : EDGES) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(tiktoken.encode(b, 0, b.length), json.encode(b, 0, b.length), text);
    }
    assertTrue(json.decidesLocally());
    assertTrue(TokenBytes.of(tokenizer("trained-qwen-split")).decidesLocally());
    assertTrue(TokenBytes.of(tokenizer("trained-qwen")).decidesLocally());
    assertTrue(TokenBytes.of(tokenizer("trained-deepseek")).decidesLocally());
  }

  /**
   * A context that is not canonical gets some answer, but never changes the masks of canonical
   * ones: cl100k's {@code ["Section", "\t", "\t"]} has the bytes of the canonical {@code
   * ["Section", "\t\t"]}, and asking about it first leaves the latter's mask as re-encoding has it.
   */
  @Test
  void aContextThatIsNotCanonicalLeavesTheMasksOfCanonicalOnesAlone() {
    TokenBytes tokens = TokenBytes.of(tokenizer("cl100k_base"));
    byte[] section = "Section\t".getBytes(StandardCharsets.UTF_8);
    byte[] both = "Section\t\t".getBytes(StandardCharsets.UTF_8);
    int[] canonical = tokens.encode(both, 0, both.length);
    int[] first = tokens.encode(section, 0, section.length);
    int[] apart = Arrays.copyOf(first, first.length + 1);
    apart[first.length] = first[first.length - 1];
    assertArrayEquals(both, tokens.decode(apart, apart.length));
    assertTrue(!tokens.isCanonical(apart) && tokens.isCanonical(canonical));
    tokens.validNext(apart);
    assertEquals(tokens.validNextByReencoding(canonical), tokens.validNext(canonical));
  }

  /** Canonical contexts: the encodings of byte prefixes of real text (cut anywhere, even inside a character) and of the edge texts. */
  private static List<int[]> contexts(TokenBytes tokens, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> out = new ArrayList<>();
    for (String edge : EDGES) {
      byte[] b = edge.getBytes(StandardCharsets.UTF_8);
      int[] ids = tokens.encode(b, 0, b.length);
      // A special token that a tokenizer with other added tokens still cuts out has no bytes.
      if (IntStream.of(ids).allMatch(id -> tokens.bytes(id) != null)) out.add(ids);
    }
    String[] samples = {"udhr-eng", "moby-dick", "udhr-jpn", "udhr-hin", "emoji-test", "udhr-vie", "sotu-1941-roosevelt"};
    while (out.size() < count) {
      byte[] text = Samples.byName(samples[random.nextInt(samples.length)]).text().getBytes(StandardCharsets.UTF_8);
      int end = 1 + random.nextInt(Math.min(text.length, 20_000) - 1);
      int start = Math.max(0, end - 1 - random.nextInt(200));
      out.add(tokens.encode(text, start, end));
    }
    return out;
  }

  /** Random ids, decoded and encoded again: canonical sequences with odd junctions real text rarely has. */
  private static List<int[]> randomContexts(TokenBytes tokens, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> out = new ArrayList<>();
    while (out.size() < count) {
      int[] ids = new int[1 + random.nextInt(4)];
      for (int i = 0; i < ids.length; i++) {
        do ids[i] = random.nextInt(tokens.idBound());
        while (tokens.bytes(ids[i]) == null);
      }
      byte[] b = tokens.decode(ids, ids.length);
      out.add(tokens.encode(b, 0, b.length));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "p50k_base", "cl100k_base", "o200k_base", "trained", "trained-special", "cl100k-json", "trained-qwen-split", "trained-qwen", "trained-deepseek"})
  void localMasksEqualReencodingMasks(String name) {
    TokenBytes tokens = TokenBytes.of(tokenizer(name));
    assertTrue(tokens.decidesLocally(), name + " takes the local test");
    int count = name.startsWith("o200k") || name.endsWith("-json") ? 12 : 30;
    List<int[]> all = new ArrayList<>(contexts(tokens, count, 11));
    all.addAll(randomContexts(tokens, count / 4, 13));
    for (int[] context : all) {
      BitSet local = tokens.validNext(context);
      BitSet reencoded = tokens.validNextByReencoding(context);
      if (!local.equals(reencoded)) {
        BitSet extra = (BitSet) local.clone();
        extra.andNot(reencoded);
        BitSet missing = (BitSet) reencoded.clone();
        missing.andNot(local);
        throw new AssertionError(name + " after " + show(tokens, context) + ": local test accepts " + describe(tokens, extra) + " and rejects " + describe(tokens, missing));
      }
    }
  }

  /**
   * Many more contexts, each checked by re-encoding the whole sequence on a sample of ids and on the
   * ids real text continues with.
   */
  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "cl100k_base", "o200k_base", "trained", "trained-qwen-split", "trained-qwen", "trained-deepseek"})
  void localMasksAgreeWithWholeSequenceReencoding(String name) {
    TokenBytes tokens = TokenBytes.of(tokenizer(name));
    SplittableRandom random = new SplittableRandom(5);
    // Large vocabularies cost more per junction shape; multilingual text has many shapes.
    int count = tokens.idBound() > 60_000 ? 60 : 250;
    List<int[]> all = new ArrayList<>(contexts(tokens, count, 17));
    all.addAll(randomContexts(tokens, count / 2, 19));
    int checked = 0;
    for (int[] context : all) {
      BitSet local = tokens.validNext(context);
      int[] ids = tokens.ids();
      for (int k = 0; k < 40; k++) {
        int v = ids[random.nextInt(ids.length)];
        int[] extended = Arrays.copyOf(context, context.length + 1);
        extended[context.length] = v;
        assertEquals(tokens.isCanonical(extended), local.get(v), () -> name + ": " + show(tokens, context) + " then " + show(tokens, new int[] {v}));
        checked++;
      }
      // The ids real text continues with, after every canonical prefix (a prefix need not be
      // canonical when the split looks past its end: a line break before a word, a cut inside a
      // character; the mask is defined for canonical contexts).
      for (int cut = 1; cut < context.length; cut++) {
        int[] prefix = Arrays.copyOf(context, cut);
        if (!tokens.isCanonical(prefix)) continue;
        int[] next = Arrays.copyOf(context, cut + 1);
        assertEquals(tokens.isCanonical(next), tokens.validNext(prefix).get(context[cut]), name + ": after " + show(tokens, prefix) + " then " + context[cut]);
        checked++;
      }
    }
    assertTrue(checked > 2_000);
  }

  /**
   * The real byte-level tokenizer.json files that take the local path (GPT-2's ByteLevel split, Llama
   * 3's Split regex) agree with re-encoding, mask for mask and id by id.
   */
  @TestFactory
  Stream<DynamicTest> realByteLevelFiles() throws IOException {
    return RealTokenizerFiles.eachFile(Path.of(""), file -> {
      Tokenizer tokenizer = Tokenizers.load(file);
      TokenBytes tokens;
      try {
        tokens = TokenBytes.of(tokenizer);
      } catch (IllegalArgumentException notByteLevel) {
        return;
      }
      // GPT-2's file has a special <|endoftext|>: special tokens must not turn the local test off.
      if (file.getFileName().toString().equals("gpt2.json")) {
        assertTrue(tokens.decidesLocally(), "gpt2.json takes the local test");
        // Its plain-text encoding is tiktoken's encode_ordinary of the same vocabulary (r50k_base).
        Tokenizer r50k = Tokenizers.load("r50k_base");
        for (String text : List.of("a<|endoftext|>b", "<|endoftext|>", " <|endoftext|>\n\nThe end")) {
          byte[] b = text.getBytes(StandardCharsets.UTF_8);
          assertArrayEquals(r50k.encodeIds(text), tokens.encode(b, 0, b.length), text);
          assertArrayEquals(r50k.encodeIds(text), tokenizer.withAllowedSpecial(java.util.Set.of()).encodeIds(text), text);
        }
      }
      // Llama 3's and Qwen 3's files split by a regex before a ByteLevel that only maps bytes (Qwen's
      // with NFC and added tokens that are not special around them); DeepSeek V3's by three splits in
      // sequence, with added tokens that are not special.
      if (file.getFileName().toString().matches("llama3.*|qwen3.*|deepseek.*")) assertTrue(tokens.decidesLocally(), file + " takes the local test");
      if (!tokens.decidesLocally()) return;
      List<int[]> all = new ArrayList<>(contexts(tokens, 12, 23));
      all.addAll(randomContexts(tokens, 4, 29));
      SplittableRandom random = new SplittableRandom(31);
      for (int[] context : all) {
        BitSet local = tokens.validNext(context);
        assertEquals(tokens.validNextByReencoding(context), local, file + " after " + show(tokens, context));
        for (int k = 0; k < 20; k++) {
          int v = tokens.ids()[random.nextInt(tokens.ids().length)];
          int[] extended = Arrays.copyOf(context, context.length + 1);
          extended[context.length] = v;
          assertEquals(tokens.isCanonical(extended), local.get(v), () -> file + ": " + show(tokens, context) + " then " + show(tokens, new int[] {v}));
        }
      }
    });
  }

  private static String show(TokenBytes tokens, int[] ids) {
    StringBuilder s = new StringBuilder("[");
    for (int id : ids) {
      if (s.length() > 1) s.append(", ");
      s.append(id).append(':').append(escape(tokens.bytes(id)));
    }
    return s.append(']').toString();
  }

  private static String describe(TokenBytes tokens, BitSet ids) {
    StringBuilder s = new StringBuilder().append(ids.cardinality()).append(" ids ");
    int shown = 0;
    for (int v = ids.nextSetBit(0); v >= 0 && shown < 12; v = ids.nextSetBit(v + 1), shown++) s.append(v).append(':').append(escape(tokens.bytes(v))).append(' ');
    return s.toString();
  }

  private static String escape(byte[] b) {
    StringBuilder s = new StringBuilder("'");
    for (byte x : b) {
      int c = x & 0xFF;
      s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return s.append('\'').toString();
  }
}
