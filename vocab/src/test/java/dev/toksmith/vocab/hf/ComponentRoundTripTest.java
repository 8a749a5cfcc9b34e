package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.normalizers.Nfc;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.reference.HfReference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered component, driven by the registries themselves: each has an example here (a
 * component registered without one fails), and each example, placed in a tokenizer.json, reads,
 * writes back as the same JSON, reads again to a tokenizer that encodes and decodes alike, and the
 * reference (Hugging Face through DJL) reads the written file and gives the same ids, offsets and
 * decoded text.
 */
class ComponentRoundTripTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The stages in tokenizer.json, each with its registry. */
  private static final Map<String, ComponentRegistry<?, ?>> REGISTRIES = new LinkedHashMap<>();

  static {
    REGISTRIES.put("normalizer", NormalizerJson.COMPONENTS);
    REGISTRIES.put("pre_tokenizer", PreTokenizerJson.COMPONENTS);
    REGISTRIES.put("model", ModelJson.COMPONENTS);
    REGISTRIES.put("post_processor", PostProcessorJson.COMPONENTS);
    REGISTRIES.put("decoder", DecoderJson.COMPONENTS);
  }

  /**
   * Examples by stage and type, each spelling out every field as Hugging Face writes it, so that the
   * written JSON must equal the example.
   */
  private static final Map<String, Map<String, List<String>>> EXAMPLES = Map.of(
      "normalizer", examples(
          "NFC", "{'type':'NFC'}",
          "NFD", "{'type':'NFD'}",
          "NFKC", "{'type':'NFKC'}",
          "NFKD", "{'type':'NFKD'}",
          "Lowercase", "{'type':'Lowercase'}",
          "StripAccents", "{'type':'Sequence','normalizers':[{'type':'NFD'},{'type':'StripAccents'}]}",
          "Nmt", "{'type':'Nmt'}",
          "Sequence", "{'type':'Sequence','normalizers':[{'type':'NFKC'},{'type':'Lowercase'},{'type':'Strip','strip_left':true,'strip_right':true}]}",
          "Strip", "{'type':'Strip','strip_left':true,'strip_right':false}",
          "Prepend", "{'type':'Prepend','prepend':'\u2581'}",
          "Replace", "{'type':'Replace','pattern':{'String':' '},'content':'\u2581'}",
          "Replace", "{'type':'Replace','pattern':{'Regex':'[0-9]+'},'content':'#'}",
          "BertNormalizer", "{'type':'BertNormalizer','clean_text':true,'handle_chinese_chars':true,'strip_accents':null,'lowercase':true}",
          "BertNormalizer", "{'type':'BertNormalizer','clean_text':false,'handle_chinese_chars':false,'strip_accents':true,'lowercase':false}",
          "Precompiled", "{'type':'Precompiled','precompiled_charsmap':'" + NormalizerJsonReferenceTest.charsmap("nmt_nfkc") + "'}"),
      "pre_tokenizer", examples(
          "ByteLevel", "{'type':'ByteLevel','add_prefix_space':false,'trim_offsets':true,'use_regex':true}",
          "ByteLevel", "{'type':'ByteLevel','add_prefix_space':true,'trim_offsets':false,'use_regex':false}",
          "Whitespace", "{'type':'Whitespace'}",
          "WhitespaceSplit", "{'type':'WhitespaceSplit'}",
          "BertPreTokenizer", "{'type':'BertPreTokenizer'}",
          "UnicodeScripts", "{'type':'UnicodeScripts'}",
          "Punctuation", "{'type':'Punctuation','behavior':'Isolated'}",
          "Digits", "{'type':'Digits','individual_digits':true}",
          "CharDelimiterSplit", "{'type':'CharDelimiterSplit','delimiter':' '}",
          "Metaspace", "{'type':'Metaspace','replacement':'\u2581','prepend_scheme':'always','split':true}",
          "Split", "{'type':'Split','pattern':{'Regex':'\\\\s+'},'behavior':'MergedWithNext','invert':false}",
          "Split", "{'type':'Split','pattern':{'String':'l'},'behavior':'Removed','invert':true}",
          "Sequence", "{'type':'Sequence','pretokenizers':[{'type':'WhitespaceSplit'},{'type':'Digits','individual_digits':false}]}"),
      "model", examples(
          "BPE", "{'type':'BPE','dropout':null,'unk_token':'<unk>','continuing_subword_prefix':null,'end_of_word_suffix':null,"
              + "'fuse_unk':true,'byte_fallback':false,'ignore_merges':false,"
              + "'vocab':{'<unk>':0,'l':1,'o':2,'h':3,'e':4,'ll':5,'lo':6,'llo':7,'he':8,'hello':9},'merges':['l l','l o','ll o','h e','he llo']}",
          "WordPiece", "{'type':'WordPiece','unk_token':'[UNK]','continuing_subword_prefix':'##','max_input_chars_per_word':100,"
              + "'vocab':{'[UNK]':0,'he':1,'##llo':2,'wor':3,'##ld':4,'##l':5,'##d':6,'w':7}}",
          "WordLevel", "{'type':'WordLevel','vocab':{'<unk>':0,'hello':1,'World!':2,'42':3},'unk_token':'<unk>'}",
          "Unigram", "{'type':'Unigram','unk_id':0,'vocab':[['<unk>',0.0],['h',-2.5],['e',-2.5],['l',-2.0],['o',-2.0],['hell',-3.25],['hello',-4.0]],"
              + "'byte_fallback':false}"),
      "post_processor", examples(
          "ByteLevel", "{'type':'ByteLevel','add_prefix_space':true,'trim_offsets':false,'use_regex':true}",
          "BertProcessing", "{'type':'BertProcessing','sep':['[SEP]',1],'cls':['[CLS]',2]}",
          "RobertaProcessing", "{'type':'RobertaProcessing','sep':['[SEP]',1],'cls':['[CLS]',2],'trim_offsets':true,'add_prefix_space':true}",
          "Sequence", "{'type':'Sequence','processors':[{'type':'ByteLevel','add_prefix_space':false,'trim_offsets':true,'use_regex':true},"
              + "{'type':'BertProcessing','sep':['[SEP]',1],'cls':['[CLS]',2]}]}",
          "TemplateProcessing", "{'type':'TemplateProcessing',"
              + "'single':[{'SpecialToken':{'id':'[CLS]','type_id':0}},{'Sequence':{'id':'A','type_id':0}},{'SpecialToken':{'id':'[SEP]','type_id':0}}],"
              + "'pair':[{'Sequence':{'id':'A','type_id':0}},{'Sequence':{'id':'B','type_id':1}},{'SpecialToken':{'id':'[SEP]','type_id':1}}],"
              + "'special_tokens':{'[CLS]':{'id':'[CLS]','ids':[2],'tokens':['[CLS]']},'[SEP]':{'id':'[SEP]','ids':[1],'tokens':['[SEP]']}}}"),
      "decoder", examples(
          "ByteLevel", "{'type':'ByteLevel','add_prefix_space':true,'trim_offsets':true,'use_regex':true}",
          "Metaspace", "{'type':'Metaspace','replacement':'\u2581','prepend_scheme':'first','split':false}",
          "WordPiece", "{'type':'WordPiece','prefix':'##','cleanup':true}",
          "BPEDecoder", "{'type':'BPEDecoder','suffix':'</w>'}",
          "ByteFallback", "{'type':'ByteFallback'}",
          "Fuse", "{'type':'Fuse'}",
          "Strip", "{'type':'Strip','content':'h','start':1,'stop':0}",
          "Replace", "{'type':'Replace','pattern':{'String':'\u2581'},'content':' '}",
          "Replace", "{'type':'Replace','pattern':{'Regex':'[a-c]+'},'content':'-'}",
          "CTC", "{'type':'CTC','pad_token':'<pad>','word_delimiter_token':'|','cleanup':true}",
          "Sequence", "{'type':'Sequence','decoders':[{'type':'Replace','pattern':{'String':'\u2581'},'content':' '},"
              + "{'type':'ByteFallback'},{'type':'Fuse'},{'type':'Strip','content':' ','start':0,'stop':1}]}"));

  /** The tokenizer an example of another stage sits in: a Unigram model with one piece per character. */
  private static final String HOST_MODEL;

  static {
    List<String> pieces = new ArrayList<>(List.of("<unk>", "[SEP]", "[CLS]", "<pad>", "|", "##", "</w>", "\u2581", "\u0120", "<0x41>", "<0xC3>", "<0xA9>", "ab"));
    String chars = " \tabcdefghijklmnopqrstuvwxyzHW0123456789,!.#-\u00e9\u00f6\u4e2d\u6587\u0301";
    chars.codePoints().forEach(c -> pieces.add(Character.toString(c)));
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < pieces.size(); i++) vocab.append(i == 0 ? "" : ",").append("[").append(HfReference.quote(pieces.get(i))).append(",").append(i == 0 ? "0.0" : "-1.0").append("]");
    HOST_MODEL = "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[" + vocab + "],\"byte_fallback\":false}";
  }

  private static final List<String> TEXTS = List.of(
      "Hello, World! 42", "  h\u00e9llo\tW\u00f6rld  ", "\u4e2d\u6587 \uFB01 e\u0301 ab|cd ##ef \u2581gh", "hello hello", "");

  /** Every registered component with each of its examples; a component without one yields a case that fails. */
  static Stream<Arguments> registered() {
    List<Arguments> cases = new ArrayList<>();
    REGISTRIES.forEach((stage, registry) -> {
      for (ComponentRegistry.Component<?, ?> component : registry.components()) {
        List<String> examples = EXAMPLES.get(stage).get(component.type());
        if (examples == null) cases.add(Arguments.of(stage, component.type(), null));
        else for (String example : examples) cases.add(Arguments.of(stage, component.type(), example));
      }
    });
    return cases.stream();
  }

  @Test
  void everyExampleIsOfARegisteredComponent() {
    REGISTRIES.forEach((stage, registry) -> {
      TreeSet<String> registered = new TreeSet<>();
      for (ComponentRegistry.Component<?, ?> component : registry.components()) registered.add(component.type());
      assertEquals(registered, new TreeSet<>(EXAMPLES.get(stage).keySet()), stage);
    });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("registered")
  void roundTripsThroughTokenizerJson(String stage, String type, String example) throws Exception {
    assertNotNull(example, () -> stage + " " + type + " is registered but has no example here");
    String file = tokenizer(stage, example);
    Pipeline first = TokenizerJsonReader.read(MAPPER.readTree(file));
    String written = write(first);
    assertEquals(MAPPER.readTree(example), MAPPER.readTree(written).get(stage), "written " + stage);
    assertDescribed(stage, type, example, first.description());
    Pipeline again = TokenizerJsonReader.read(MAPPER.readTree(written));
    assertEquals(written, write(again));
    int[] decodeIds = decodeIds(first);
    try (HfReference reference = HfReference.load(written, true)) {
      for (String text : TEXTS) {
        Encoding ours = first.encode(text, true);
        assertEquals(ours, again.encode(text, true), text);
        HfReference.Encoded expected = reference.encode(text);
        assertArrayEquals(expected.ids(), java.util.Arrays.stream(ours.ids()).asLongStream().toArray(), () -> "ids of " + text);
        for (int i = 0; i < ours.size(); i++) {
          // The reference gives the special tokens a post-processor adds no span at all; toksmith an empty one.
          if (expected.starts()[i] < 0) {
            assertEquals(ours.start(i), ours.end(i), "span of added token " + i + " of " + text);
            continue;
          }
          assertEquals(expected.starts()[i], ours.start(i), "start of token " + i + " of " + text);
          assertEquals(expected.ends()[i], ours.end(i), "end of token " + i + " of " + text);
        }
      }
      String decoded = first.decode(decodeIds, false);
      assertEquals(decoded, again.decode(decodeIds, false));
      assertEquals(reference.decode(java.util.Arrays.stream(decodeIds).asLongStream().toArray(), false), decoded);
    }
  }

  /**
   * The description names the component with its registered type and, for the stages other than the
   * model, carries every field of the example.
   */
  private static void assertDescribed(String stage, String type, String example, TokenizerDescription d) throws Exception {
    Stage described = switch (stage) {
      case "normalizer" -> d.normalizer();
      case "pre_tokenizer" -> d.preTokenizer();
      case "model" -> d.model();
      case "post_processor" -> d.postProcessor();
      default -> d.decoder();
    };
    JsonNode json = MAPPER.readTree(example);
    if (stage.equals("model")) assertEquals(type, described.type());
    else DescriptionMatchesJsonTest.assertDescribes(stage, stage + " " + type, json, described);
  }

  @Test
  void aTypeOrClassIsRegisteredOnce() {
    ComponentRegistry<Normalizer, Void> registry = new ComponentRegistry<Normalizer, Void>("normalizer", Normalizer::describe).addConstant(Nfc.INSTANCE);
    assertThrows(IllegalStateException.class, () -> registry.add("NFC2", Nfc.class, (o, x) -> null, (g, n, stages) -> {}));
    assertThrows(IllegalStateException.class, () -> registry.add("NFC", Normalizer.class, (o, x) -> null, (g, n, stages) -> {}));
  }

  /** Every id once, then a run that exercises the decoders: repeats, pads, delimiters, prefixes, byte tokens. */
  private static int[] decodeIds(Pipeline p) {
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < p.idBound(); id++) ids.add(id);
    for (String token : List.of("h", "h", "<pad>", "e", "|", "##", "l", "</w>", "\u2581", "o", "<0xC3>", "<0xA9>", "<0x41>", "\u0120", "ab", " ", "h")) {
      p.tokenToId(token).ifPresent(ids::add);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A tokenizer.json with {@code component} as its {@code stage} and the host model (or it as the model). */
  private static String tokenizer(String stage, String component) {
    Map<String, String> stages = new LinkedHashMap<>();
    for (String s : REGISTRIES.keySet()) stages.put(s, "null");
    stages.put("model", HOST_MODEL);
    // A model needs words to work on.
    if (stage.equals("model")) stages.put("pre_tokenizer", "{\"type\":\"WhitespaceSplit\"}");
    stages.put(stage, component);
    StringBuilder json = new StringBuilder("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[]");
    stages.forEach((s, value) -> json.append(",\"").append(s).append("\":").append(value));
    return json.append("}").toString();
  }

  private static String write(Pipeline pipeline) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TokenizerJsonWriter.write(pipeline, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Pairs of type and example, single quotes standing for double quotes. */
  private static Map<String, List<String>> examples(String... typesAndExamples) {
    Map<String, List<String>> examples = new LinkedHashMap<>();
    for (int i = 0; i < typesAndExamples.length; i += 2) {
      examples.computeIfAbsent(typesAndExamples[i], t -> new ArrayList<>()).add(typesAndExamples[i + 1].replace('\'', '"'));
    }
    return examples;
  }
}
