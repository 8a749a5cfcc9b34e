package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.Tokenizers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one way the CLI shows tokens: every rule of {@link TokenDisplay}, on strings written out by hand. */
class TokenDisplayTest {

  @Test
  void spacesControlsAndReplacementCharactersAreMadeVisible() {
    assertEquals("␣a\\n\\t\\x0d\\x00\\x1b\\xfffdé😀", TokenDisplay.visible(" a\n\t\r\u0000\u001b\uFFFDé😀"));
    assertEquals("'␣court'", TokenDisplay.quoted(" court"));
    assertEquals("''", TokenDisplay.quoted(""));
    assertEquals("[res][␣jud][icata][\\n]", TokenDisplay.segmentation(List.of("res", " jud", "icata", "\n")));
  }

  @Test
  void aByteIsItselfOnlyWhenPrintableAscii() {
    assertEquals("A", TokenDisplay.ofByte('A'));
    assertEquals("~", TokenDisplay.ofByte('~'));
    assertEquals(" ", TokenDisplay.ofByte(' '));
    assertEquals("\\x1f", TokenDisplay.ofByte(0x1F));
    assertEquals("\\x7f", TokenDisplay.ofByte(0x7F));
    assertEquals("\\xe6", TokenDisplay.ofByte(0xE6));
  }

  @Test
  void aTokenThatIsPartOfACharacterShowsItsBytes() throws Exception {
    // Byte-level BPE over GPT-2's byte alphabet: "Ġ" is the space byte, "æ" and "Ŀ" the bytes E6 9D of 東 (E6 9D B1).
    String json = "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
        + "\"trim_offsets\":true,\"use_regex\":true},\"post_processor\":null,\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
        + "\"trim_offsets\":true,\"use_regex\":true},\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,"
        + "\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,\"ignore_merges\":false,"
        + "\"vocab\":{\"Ġ\":0,\"a\":1,\"æ\":2,\"Ŀ\":3,\"Ġa\":4,\"æĿ\":5},\"merges\":[\"Ġ a\",\"æ Ŀ\"]}}";
    Tokenizer tok = Tokenizers.load(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tiny");
    assertEquals("'␣a'", TokenDisplay.token(tok, 4));
    assertEquals("<E6 9D>", TokenDisplay.token(tok, 5));
    assertEquals("<E6>", TokenDisplay.token(tok, 2));
  }

  @Test
  void tokensFormatEscapesWhatWouldBreakALineOfTokens() {
    StringBuilder sb = new StringBuilder();
    TokenDisplay.appendEscaped(sb, " a\tb\nc\rd\\e");
    assertEquals("\\sa\\tb\\nc\\rd\\\\e", sb.toString());
  }
}
