package dev.toksmith.vocab.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.SentencePieceDecoder;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tokenizer loaded from a SentencePiece {@code .model} is written as Hugging Face's conversion of it
 * ({@link SentencePieceConversion}). Each fixture model (trained by spm_train 0.1.97, with spm_encode's
 * ids for tests.txt and edges.txt and spm_decode's text, see make-fixtures.sh) is written as
 * tokenizer.json and loaded both by toksmith and by Hugging Face tokenizers 0.21 (DJL). The two give
 * the same ids and offsets on every line, and those ids are spm_encode's on every line but the ones
 * below, where the conversion itself parts from SentencePiece (tokenizers 0.23.2 gives the same ids on
 * all of them):
 *
 * <ul>
 *   <li>Composition across characters. Hugging Face's {@code Precompiled} works per grapheme cluster
 *       and takes a cluster of 6 or more UTF-8 bytes one character at a time, so a charsmap key that
 *       spans characters of such a cluster never matches; SentencePiece takes the longest key
 *       wherever it starts. A decomposed Bengali vowel sign (ে + া after a consonant, which nmt_nfkc
 *       composes to ো): tests.txt:46 and edges.txt:13 in unigram, bpe and unigram-cf. Hangul jamo
 *       (composed to syllables): edges.txt:11 in unigram and bpe (unigram-cf knows neither form, and
 *       both give one unknown token).
 *   <li>Marks dropped after a case-folded letter. A cluster of at most 5 bytes that starts with a key
 *       is replaced whole by that key's replacement, so in Ẹ̀ (Ẹ + U+0300) the folding Ẹ → ẹ drops the
 *       grave accent; SentencePiece folds Ẹ and keeps the mark. Only nmt_nfkc_cf has such keys:
 *       tests.txt:316 and 317 (Yoruba) and edges.txt:12 and 14 in unigram-cf.
 *   <li>Pieces written out as text. Control pieces are added tokens, so {@code <s>} in the text is the
 *       control token, and Hugging Face's Unigram lattice holds every piece, so {@code <unk>} and
 *       {@code <0x41>} in the text are those pieces; SentencePiece segments with normal pieces only:
 *       edges.txt:8 and 9 in every model.
 *   <li>White space at the ends. With {@code remove_extra_whitespaces} SentencePiece removes spaces
 *       (after its normalization) and, at the end, {@code ▁} written in the text; {@code Strip} removes
 *       all White_Space and no {@code ▁}. Only the identity rule keeps tabs, no-break spaces and
 *       {@code ▁} until then: edges.txt:1, 2, 3 and 10 in bpe-unk.
 * </ul>
 *
 * <p>Not a difference on these lines: Hugging Face's Unigram adds scores in double precision where
 * SentencePiece adds floats, and fuses runs of unknown characters as SentencePiece does.
 */
public class SentencePieceConversionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Per model, the lines ({@code file:line}) where the conversion's ids are not spm_encode's (see the
   * class comment); the command line's tests read it too.
   */
  public static final Map<String, Set<String>> DIFFERING = Map.of(
      "unigram", Set.of("tests.txt:46", "edges.txt:8", "edges.txt:9", "edges.txt:11", "edges.txt:13"),
      "bpe", Set.of("tests.txt:46", "edges.txt:8", "edges.txt:9", "edges.txt:11", "edges.txt:13"),
      "unigram-cf", Set.of("tests.txt:46", "tests.txt:316", "tests.txt:317", "edges.txt:8", "edges.txt:9", "edges.txt:12", "edges.txt:13", "edges.txt:14"),
      "bpe-unk", Set.of("edges.txt:1", "edges.txt:2", "edges.txt:3", "edges.txt:8", "edges.txt:9", "edges.txt:10"));

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SentencePieceConversionTest.class.getResource("/sentencepiece/" + name).toURI());
  }

  private static List<String> lines(String name) throws Exception {
    return Files.readAllLines(resource(name), StandardCharsets.UTF_8);
  }

  /** A test line, where it is ({@code file:line}), and the ids spm_encode gave for it. */
  private record Line(String where, String text, String spmIds) {}

  private static List<Line> testLines(String model) throws Exception {
    List<Line> all = new ArrayList<>();
    for (String[] files : new String[][] {{"tests.txt", model + ".ids"}, {"edges.txt", model + ".edges.ids"}}) {
      List<String> texts = lines(files[0]);
      List<String> ids = lines(files[1]);
      assertEquals(texts.size(), ids.size(), files[1]);
      for (int i = 0; i < texts.size(); i++) all.add(new Line(files[0] + ":" + (i + 1), texts.get(i), ids.get(i)));
    }
    return all;
  }

  private static String converted(String model) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(Tokenizers.load(resource(model + ".model")), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String joined(long[] ids) {
    return Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram", "bpe", "unigram-cf", "bpe-unk"})
  void convertedModelGivesSentencePieceIdsInToksmithAndHuggingFace(String model) throws Exception {
    String json = converted(model);
    Tokenizer tok = Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), model + ".json");
    List<Line> lines = testLines(model);
    Set<String> differing = new TreeSet<>();
    try (HfReference hf = HfReference.load(json)) {
      List<HfReference.Encoded> expected = hf.encodeAll(lines.stream().map(Line::text).toList());
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        HfReference.Encoded ref = expected.get(i);
        Encoding e = tok.encode(line.text());
        assertArrayEquals(ref.ids(), Arrays.stream(e.ids()).asLongStream().toArray(), () -> model + " " + line.where() + " ids");
        for (int k = 0; k < e.size(); k++) {
          assertEquals(ref.starts()[k], e.start(k), model + " " + line.where() + " start of token " + k);
          assertEquals(ref.ends()[k], e.end(k), model + " " + line.where() + " end of token " + k);
        }
        if (!joined(ref.ids()).equals(line.spmIds())) differing.add(line.where());
      }
    }
    assertEquals(new TreeSet<>(DIFFERING.get(model)), differing, model + ": lines where Hugging Face's ids are not spm_encode's");
  }

  /**
   * tie.model's pieces (see {@link SentencePieceFilesTest}) as a tokenizer.json Unigram model (the
   * model does not escape whitespace, so it does not convert; its pieces are the text): Hugging Face
   * adds path scores in double precision, and so does toksmith's tokenizer.json, so both part from the
   * sentencepiece wheel's ids where a double sum breaks a float tie ("abc" is "ab c"), while exact ties
   * keep the path whose last piece starts first in all three ("***" is "* **").
   */
  @Test
  void tieModelAsTokenizerJsonBreaksTiesAsHuggingFaceDoes() throws Exception {
    SentencePieceModel spm = (SentencePieceModel) ((Pipeline) Tokenizers.load(resource("tie.model"))).model();
    ObjectNode model = JSON.createObjectNode().put("type", "Unigram").put("unk_id", spm.unkId()).put("byte_fallback", false);
    ArrayNode vocab = model.putArray("vocab");
    for (SentencePieceModel.Piece p : spm.pieces()) vocab.addArray().add(p.text()).add((double) p.score());
    String json = JSON.writeValueAsString(JSON.createObjectNode().put("version", "1.0").set("model", model));
    Tokenizer tok = Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tie.json");
    List<String> texts = lines("tie.txt");
    List<String> spmIds = lines("tie.ids");
    Set<String> differing = new TreeSet<>();
    try (HfReference hf = HfReference.load(json)) {
      List<HfReference.Encoded> expected = hf.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        assertArrayEquals(expected.get(i).ids(), Arrays.stream(tok.encodeIds(text)).asLongStream().toArray(), () -> "ids of " + text);
        if (!joined(expected.get(i).ids()).equals(spmIds.get(i))) differing.add(text);
      }
    }
    assertTrue(differing.contains("abc"), () -> "double precision should break the float tie of abc: " + differing);
    assertTrue(differing.stream().noneMatch(t -> t.contains("*")), () -> "exact ties should agree with sentencepiece: " + differing);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram", "bpe", "unigram-cf", "bpe-unk"})
  void decodesAsSpmDecodeButForTheUnknownPiece(String model) throws Exception {
    String json = converted(model);
    Tokenizer tok = Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), model + ".json");
    List<String> ids = lines(model + ".ids");
    List<String> decoded = lines(model + ".decoded");
    try (HfReference hf = HfReference.load(json)) {
      for (int i = 0; i < ids.size(); i++) {
        long[] line = ids.get(i).isEmpty() ? new long[0] : Arrays.stream(ids.get(i).split(" ")).mapToLong(Long::parseLong).toArray();
        String reference = hf.decode(line, false);
        assertEquals(reference, tok.decode(Arrays.stream(line).mapToInt(id -> (int) id).toArray()), model + " decode of line " + (i + 1));
        // The unknown piece decodes to its text in Hugging Face and to " ⁇ " in SentencePiece.
        assertEquals(decoded.get(i), reference.replace("<unk>", " \u2047 "), model + " decode of line " + (i + 1));
      }
    }
  }

  /**
   * The stages transformers' converters choose for each model's options: Unigram as {@code
   * SpmConverter} (Metaspace, prepend scheme from {@code add_dummy_prefix}), BPE as {@code
   * LlamaConverter} (Prepend and Replace, no pre-tokenizer), byte fallback with its decoder sequence,
   * the charsmap when there is one, white space removal when the model removes extra white space.
   */
  @ParameterizedTest
  @ValueSource(strings = {"unigram", "bpe", "unigram-cf", "bpe-unk"})
  void stagesFollowTheModelsOptions(String model) throws Exception {
    JsonNode root = JSON.readTree(converted(model));
    String expected = switch (model) {
      case "unigram" -> "Precompiled Strip Replace | Metaspace always | Replace ByteFallback Fuse Strip | Unigram byte_fallback";
      case "bpe" -> "Precompiled Strip Replace Prepend Replace | null | Replace ByteFallback Fuse Strip | BPE byte_fallback fuse_unk";
      case "unigram-cf" -> "Precompiled | Metaspace never | Metaspace never | Unigram";
      case "bpe-unk" -> "Strip Replace Prepend Replace | null | Replace ByteFallback Fuse Strip | BPE fuse_unk";
      default -> throw new IllegalArgumentException(model);
    };
    assertEquals(expected, stages(root.get("normalizer")) + " | " + stages(root.get("pre_tokenizer")) + " | " + stages(root.get("decoder")) + " | " + model(root.get("model")));
    List<String> added = new ArrayList<>();
    for (JsonNode t : root.get("added_tokens")) {
      added.add(t.get("id") + " " + t.get("content").asText() + (t.get("special").asBoolean() ? " special" : "") + (t.get("normalized").asBoolean() ? " normalized" : ""));
    }
    assertEquals(List.of("1 <s> special", "2 </s> special"), added);
  }

  private static String stages(JsonNode stage) {
    if (stage.isNull()) return "null";
    String type = stage.get("type").asText();
    if (type.equals("Sequence")) {
      JsonNode list = stage.has("normalizers") ? stage.get("normalizers") : stage.get("decoders");
      List<String> types = new ArrayList<>();
      for (JsonNode s : list) types.add(stages(s));
      return String.join(" ", types);
    }
    return type.equals("Metaspace") ? type + " " + stage.get("prepend_scheme").asText() : type;
  }

  private static String model(JsonNode model) {
    String type = model.get("type").asText();
    return type + (model.get("byte_fallback").asBoolean() ? " byte_fallback" : "") + (model.has("fuse_unk") && model.get("fuse_unk").asBoolean() ? " fuse_unk" : "");
  }

  /**
   * The merges are those transformers' {@code generate_merges} makes from the piece scores (as its
   * {@code SentencePieceExtractor} calls it), committed by make-merges.py: every split of a piece
   * into two pieces, highest score first, -0.0 tying with 0.0, longer left part first.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bpe", "bpe-unk"})
  void mergesAreTransformersMerges(String model) throws Exception {
    JsonNode merges = JSON.readTree(converted(model)).get("model").get("merges");
    List<String> actual = new ArrayList<>();
    for (JsonNode merge : merges) actual.add(merge.isArray() ? JSON.writeValueAsString(merge) : JSON.writeValueAsString(merge.asText().split(" ")));
    List<String> expected = new ArrayList<>();
    for (String line : lines(model + ".merges.jsonl")) expected.add(JSON.writeValueAsString(JSON.readTree(line)));
    assertEquals(expected, actual);
  }

  @Test
  void whitespaceAsASuffixCannotBeConverted() {
    List<SentencePieceModel.Piece> pieces = List.of(new SentencePieceModel.Piece("<unk>", 0, SentencePieceModel.Type.UNKNOWN), new SentencePieceModel.Piece("a\u2581", -1, SentencePieceModel.Type.NORMAL));
    SentencePieceModel model = new SentencePieceModel(pieces, SentencePieceModel.Algorithm.UNIGRAM, 0, false);
    SentencePieceNormalizer suffix = new SentencePieceNormalizer(null, List.of(), true, true, true, true);
    Pipeline pipeline = new Pipeline(suffix, null, model, null, new SentencePieceDecoder(Set.of(), "<unk>", Set.of(), true), List.of());
    IOException e = assertThrows(TokenizerFormatException.class, () -> Tokenizers.write(pipeline, new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("treats whitespace as a suffix"), e.getMessage());
  }
}
