package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.core.reference.HfReference;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which pre-tokenizer JSON loads: toksmith must accept exactly what Hugging Face accepts (required
 * fields, defaults, nulls, one-character strings, the legacy Metaspace fields), apart from unknown
 * fields, which toksmith rejects on purpose.
 */
class PreTokenizerJsonTest {
  static final List<String> PRE_TOKENIZERS = List.of(
      "{\"type\":\"Whitespace\"}", "{\"type\":\"WhitespaceSplit\"}", "{\"type\":\"BertPreTokenizer\"}", "{\"type\":\"UnicodeScripts\"}",
      "{\"type\":\"Punctuation\"}", "{\"type\":\"Punctuation\",\"behavior\":null}", "{\"type\":\"Punctuation\",\"behavior\":\"Merged\"}",
      "{\"type\":\"Digits\"}", "{\"type\":\"Digits\",\"individual_digits\":null}", "{\"type\":\"Digits\",\"individual_digits\":\"yes\"}",
      "{\"type\":\"CharDelimiterSplit\"}", "{\"type\":\"CharDelimiterSplit\",\"delimiter\":\"ab\"}", "{\"type\":\"CharDelimiterSplit\",\"delimiter\":\"\"}",
      "{\"type\":\"CharDelimiterSplit\",\"delimiter\":\"😀\"}", "{\"type\":\"CharDelimiterSplit\",\"delimiter\":null}",
      "{\"type\":\"Metaspace\"}", "{\"type\":\"Metaspace\",\"replacement\":\"▁\"}", "{\"type\":\"Metaspace\",\"replacement\":\"ab\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"\"}", "{\"type\":\"Metaspace\",\"replacement\":\"😀\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":false}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":false,\"prepend_scheme\":\"first\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":false,\"prepend_scheme\":\"never\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":true,\"prepend_scheme\":\"never\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":null}", "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":1}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":null}", "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"sometimes\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"Always\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"split\":null}", "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"split\":false}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"str_rep\":null}", "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"str_rep\":\"xy\"}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"str_rep\":5}",
      "{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"behavior\":\"Removed\"}",
      "{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"behavior\":\"Removed\",\"invert\":null}",
      "{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"invert\":false}",
      "{\"type\":\"Split\",\"pattern\":{\"Regex\":\"(\"},\"behavior\":\"Removed\",\"invert\":false}",
      "{\"type\":\"ByteLevel\"}", "{\"type\":\"ByteLevel\",\"add_prefix_space\":true}", "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":false}",
      "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":false,\"use_regex\":null}",
      "{\"type\":\"Sequence\"}", "{\"type\":\"Sequence\",\"pretokenizers\":[]}", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Digits\"}]}");

  static String tokenizer(String preTokenizer, String decoder) {
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":" + preTokenizer + ",\"post_processor\":null,\"decoder\":" + decoder + ","
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"<unk>\",\"continuing_subword_prefix\":null,\"end_of_word_suffix\":null,"
        + "\"fuse_unk\":false,\"byte_fallback\":false,\"ignore_merges\":false,\"vocab\":{\"<unk>\":0},\"merges\":[]}}";
  }

  static void load(String json) throws Exception {
    Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
  }

  /** Whether toksmith and the reference agree on loading {@code json}. */
  static void assertSameAcceptance(String json, String component) {
    boolean hfAccepts;
    try (HfReference hf = HfReference.load(json)) {
      hfAccepts = true;
    } catch (RuntimeException e) {
      hfAccepts = false;
    }
    boolean ours;
    try {
      load(json);
      ours = true;
    } catch (Exception e) {
      ours = false;
    }
    assertEquals(hfAccepts, ours, () -> "accepting " + component);
  }

  @Test
  void acceptsExactlyWhatTheReferenceAccepts() {
    for (String p : PRE_TOKENIZERS) assertSameAcceptance(tokenizer(p, "null"), p);
  }

  @Test
  void errorsNameThePath() {
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> load(tokenizer(
        "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":false}]}", "null")));
    assertTrue(e.getMessage().contains("pre_tokenizer.pretokenizers[0].add_prefix_space"), e.getMessage());
    e = assertThrows(TokenizerFormatException.class, () -> load(tokenizer("{\"type\":\"CharDelimiterSplit\",\"delimiter\":\"ab\"}", "null")));
    assertTrue(e.getMessage().contains("pre_tokenizer.delimiter: expected one character"), e.getMessage());
  }

  @Test
  void unknownFieldsAreRejected() {
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> load(tokenizer("{\"type\":\"Digits\",\"individual_digits\":true,\"digits\":3}", "null")));
    assertTrue(e.getMessage().contains("pre_tokenizer.digits: unknown field"), e.getMessage());
  }
}
