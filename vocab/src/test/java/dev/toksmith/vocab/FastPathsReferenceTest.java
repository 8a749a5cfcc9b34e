package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.reference.HfReference.Encoded;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.vocab.ReferenceComparison.Differences;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The character-level fast paths ({@code dev.toksmith.core.compiled}: SentencePiece-style BPE, BERT's
 * WordPiece, Unigram) against Hugging Face (DJL) on the bundled multilingual samples (30 languages and
 * scripts), a tenth of the others (English, emoji), the edge strings and strings aimed at the paths, in
 * every variant of the stages each takes: the ids of {@code encodeIds}, {@code encodeBytes} and {@code
 * countTokens}, and the decoded text (the compiled decoder) of those ids and of random ones. Variants
 * are the family fixtures with their settings changed.
 */
class FastPathsReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Strings aimed at the seams of the paths: meta symbols and spaces at the ends and in runs, added tokens, marks. */
  private static final List<String> AIMED = List.of(
      " leading space", "  two leading", "trailing space ", "inner  double   triple", "▁ meta ▁▁ symbols▁", "▁", "▁▁▁", " ▁ ", "a▁b c",
      "<s>after a special", "x</s>y", "<unk><unk>", " <s> ", "[CLS] [SEP][MASK]x", "a>▁b <tag>▁ end>", "é\u0301\u0301 a\u0323\u0302 \u1E0B\u0323",
      "\u0915\u094D\u0937 \u0E01\u0E34\u0E19 \u05E9\u05B8\u05C1 \u064A\u064E", "한국어 텍스트 \u1100\u1161\u11A8", "İSTANBUL ΣΊΣΥΦΟΣ ǅ ﬁ", "\uFFFD\u0000\u200B\u00AD soft", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 \uD83C\uDDFA",
      "\u037E\u0387\u1FEF\u2260 canonical punctuation", "\uF900\uF901 compatibility ideographs", "a\uD834\uDD65\uD834\uDD6D b\uD834\uDD6D\uD834\uDD65 spacing marks", "\u0F71\u0F72\u0F74\u0F80 tibetan");

  private static String fixture(String family) throws IOException {
    try (InputStream in = FastPathsReferenceTest.class.getResourceAsStream("/families/" + family + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String variant(String family, Consumer<ObjectNode> change) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(fixture(family));
    change.accept(root);
    return JSON.writeValueAsString(root);
  }

  private static ObjectNode metaspace(String scheme, boolean split) {
    return JSON.createObjectNode().put("type", "Metaspace").put("replacement", "▁").put("prepend_scheme", scheme).put("split", split);
  }

  private static ObjectNode bert(boolean cleanText, boolean chinese, Boolean stripAccents, boolean lowercase) {
    ObjectNode n = JSON.createObjectNode().put("type", "BertNormalizer").put("clean_text", cleanText).put("handle_chinese_chars", chinese).put("lowercase", lowercase);
    if (stripAccents == null) n.putNull("strip_accents");
    else n.put("strip_accents", stripAccents);
    return n;
  }

  private record Variant(String name, String json) {}

  private static List<Variant> variants() throws IOException {
    List<Variant> v = new ArrayList<>();
    v.add(new Variant("llama2: Prepend + Replace", fixture("llama2")));
    v.add(new Variant("llama2: Replace, Split on spaces (Gemma's)", variant("llama2", r -> {
      r.set("normalizer", JSON.createObjectNode().put("type", "Replace").<ObjectNode>set("pattern", JSON.createObjectNode().put("String", " ")).put("content", "▁"));
      r.set("pre_tokenizer", JSON.createObjectNode().put("type", "Split").put("behavior", "MergedWithPrevious").put("invert", false)
          .set("pattern", JSON.createObjectNode().put("String", " ")));
    })));
    for (String scheme : List.of("always", "first", "never")) {
      for (boolean split : List.of(true, false)) {
        v.add(new Variant("llama2: Metaspace " + scheme + (split ? " split" : ""), variant("llama2", r -> {
          r.putNull("normalizer");
          r.set("pre_tokenizer", metaspace(scheme, split));
        })));
      }
    }
    v.add(new Variant("llama2: unknown tokens, no byte fallback, not fused", variant("llama2", r -> ((ObjectNode) r.get("model")).put("byte_fallback", false).put("fuse_unk", false))));
    v.add(new Variant("llama2: unknown tokens fused", variant("llama2", r -> ((ObjectNode) r.get("model")).put("byte_fallback", false).put("fuse_unk", true))));
    v.add(new Variant("llama2: ignore_merges", variant("llama2", r -> ((ObjectNode) r.get("model")).put("ignore_merges", true))));
    v.add(new Variant("llama2: ignore_merges, Metaspace split", variant("llama2", r -> {
      ((ObjectNode) r.get("model")).put("ignore_merges", true);
      r.putNull("normalizer");
      r.set("pre_tokenizer", metaspace("always", true));
    })));
    v.add(new Variant("t5: Precompiled, WhitespaceSplit + Metaspace", fixture("t5")));
    v.add(new Variant("xlm-roberta: Precompiled, WhitespaceSplit + Metaspace split", fixture("xlm-roberta")));
    for (String scheme : List.of("always", "first", "never")) {
      for (boolean split : List.of(true, false)) {
        v.add(new Variant("t5: Metaspace " + scheme + (split ? " split" : ""), variant("t5", r -> r.set("pre_tokenizer", metaspace(scheme, split)))));
      }
    }
    v.add(new Variant("t5: WhitespaceSplit + Metaspace first", variant("t5", r -> r.set("pre_tokenizer",
        JSON.createObjectNode().put("type", "Sequence").set("pretokenizers", JSON.createArrayNode().add(JSON.createObjectNode().put("type", "WhitespaceSplit")).add(metaspace("first", true)))))));
    v.add(new Variant("t5: WhitespaceSplit only", variant("t5", r -> r.set("pre_tokenizer", JSON.createObjectNode().put("type", "WhitespaceSplit")))));
    v.add(new Variant("t5: no pre-tokenizer", variant("t5", r -> r.putNull("pre_tokenizer"))));
    v.add(new Variant("t5: no normalizer", variant("t5", r -> r.putNull("normalizer"))));
    v.add(new Variant("t5: NFKC and Lowercase", variant("t5", r -> r.set("normalizer", JSON.createObjectNode().put("type", "Sequence")
        .set("normalizers", JSON.createArrayNode().add(JSON.createObjectNode().put("type", "NFKC")).add(JSON.createObjectNode().put("type", "Lowercase")))))));
    v.add(new Variant("bert-uncased", fixture("bert-uncased")));
    v.add(new Variant("bert: cased", variant("bert-uncased", r -> r.set("normalizer", bert(true, true, null, false)))));
    v.add(new Variant("bert: strip accents, cased", variant("bert-uncased", r -> r.set("normalizer", bert(true, true, true, false)))));
    v.add(new Variant("bert: lowercase, keep accents", variant("bert-uncased", r -> r.set("normalizer", bert(true, true, false, true)))));
    v.add(new Variant("bert: no cleaning, no Chinese spacing", variant("bert-uncased", r -> r.set("normalizer", bert(false, false, null, true)))));
    v.add(new Variant("bert: no normalizer", variant("bert-uncased", r -> r.putNull("normalizer"))));
    v.add(new Variant("bert: short words only", variant("bert-uncased", r -> ((ObjectNode) r.get("model")).put("max_input_chars_per_word", 5))));
    return v;
  }

  @TestFactory
  Stream<DynamicTest> eachFastPathGivesHuggingFacesIds() throws IOException {
    List<String> texts = new ArrayList<>(FamilyTexts.multilingualLines());
    texts.addAll(FamilyTexts.EDGE_TEXTS);
    texts.addAll(AIMED);
    return variants().stream().map(variant -> DynamicTest.dynamicTest(variant.name(), () -> {
      Pipeline ours = (Pipeline) Tokenizers.load(new ByteArrayInputStream(variant.json().getBytes(StandardCharsets.UTF_8)), "tokenizer.json");
      assertTrue(ours.hasFastPath(), variant.name() + " takes no fast path");
      List<Encoded> expected;
      List<String> decoded = new ArrayList<>();
      List<String> decodedSkipping = new ArrayList<>();
      try (HfReference hf = HfReference.load(variant.json())) {
        expected = hf.encodeAll(texts);
        for (Encoded e : expected) {
          decoded.add(hf.decode(e.ids(), false));
          decodedSkipping.add(hf.decode(e.ids(), true));
        }
      }
      Differences differences = new Differences();
      Pipeline general = ours.withGeneralPathOnly();
      java.util.Random random = new java.util.Random(14);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        int[] ids = java.util.Arrays.stream(expected.get(i).ids()).mapToInt(Math::toIntExact).toArray();
        differences.compare("decode", text, decoded.get(i), ours.decode(ids, false));
        differences.compare("decode skipping special tokens", text, decodedSkipping.get(i), ours.decode(ids, true));
        // Any ids, special and byte tokens among them, decode as the decoder chain decodes them.
        int[] any = random.ints(1 + random.nextInt(12), 0, ours.idBound()).filter(id -> ours.idToToken(id).isPresent()).toArray();
        differences.compare("decode of ids " + java.util.Arrays.toString(any), text, general.decode(any, false), ours.decode(any, false));
        differences.compare("decode skipping, of ids " + java.util.Arrays.toString(any), text, general.decode(any, true), ours.decode(any, true));
        differences.compareIds("encodeIds", text, expected.get(i).ids(), ours.encodeIds(text));
        differences.compareIds("encodeBytes", text, expected.get(i).ids(), ours.encodeBytes(text.getBytes(StandardCharsets.UTF_8)));
        if (ours.countTokens(text) != expected.get(i).ids().length) differences.add("countTokens", "text " + ReferenceComparison.quote(text));
      }
      assertTrue(differences.none(), () -> variant.name() + ": " + differences.report());
      assertEquals(texts.size(), expected.size());
    }));
  }
}
