package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which decoder JSON loads: toksmith must accept exactly what Hugging Face accepts (its decoders have
 * no defaults), apart from unknown fields, which toksmith rejects on purpose.
 */
class DecoderJsonTest {
  private static final List<String> DECODERS = List.of(
      "{\"type\":\"ByteLevel\"}", "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true}",
      "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":null}",
      "{\"type\":\"Metaspace\",\"replacement\":\"▁\"}", "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"add_prefix_space\":false}",
      "{\"type\":\"WordPiece\"}", "{\"type\":\"WordPiece\",\"prefix\":\"##\"}", "{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":null}",
      "{\"type\":\"WordPiece\",\"prefix\":null,\"cleanup\":true}", "{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":true}",
      "{\"type\":\"BPEDecoder\"}", "{\"type\":\"BPEDecoder\",\"suffix\":null}", "{\"type\":\"BPEDecoder\",\"suffix\":\"\"}",
      "{\"type\":\"ByteFallback\"}", "{\"type\":\"Fuse\"}",
      "{\"type\":\"Strip\"}", "{\"type\":\"Strip\",\"content\":\" \",\"start\":1}", "{\"type\":\"Strip\",\"content\":\" \",\"start\":-1,\"stop\":0}",
      "{\"type\":\"Strip\",\"content\":\"ab\",\"start\":1,\"stop\":0}", "{\"type\":\"Strip\",\"content\":\" \",\"start\":1.5,\"stop\":0}",
      "{\"type\":\"Strip\",\"content\":\" \",\"start\":1,\"stop\":0}",
      "{\"type\":\"Replace\",\"pattern\":{\"String\":\"▁\"}}", "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"(\"},\"content\":\" \"}",
      "{\"type\":\"Replace\",\"pattern\":{},\"content\":\" \"}", "{\"type\":\"Replace\",\"pattern\":{\"String\":\"▁\"},\"content\":\" \"}",
      "{\"type\":\"CTC\"}", "{\"type\":\"CTC\",\"pad_token\":\"<pad>\",\"word_delimiter_token\":\"|\"}",
      "{\"type\":\"CTC\",\"pad_token\":\"<pad>\",\"word_delimiter_token\":\"|\",\"cleanup\":true}",
      "{\"type\":\"Sequence\"}", "{\"type\":\"Sequence\",\"decoders\":[]}", "{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"Fuse\"},{\"type\":\"CTC\"}]}");

  @Test
  void acceptsExactlyWhatTheReferenceAccepts() {
    for (String d : DECODERS) PreTokenizerJsonTest.assertSameAcceptance(PreTokenizerJsonTest.tokenizer("null", d), d);
  }

  @Test
  void errorsNameThePath() {
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class,
        () -> PreTokenizerJsonTest.load(PreTokenizerJsonTest.tokenizer("null", "{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"Strip\",\"content\":\" \",\"start\":-1,\"stop\":0}]}")));
    assertTrue(e.getMessage().contains("decoder.decoders[0].start: expected a count"), e.getMessage());
  }

  @Test
  void unknownFieldsAreRejected() {
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class,
        () -> PreTokenizerJsonTest.load(PreTokenizerJsonTest.tokenizer("null", "{\"type\":\"Fuse\",\"all\":true}")));
    assertTrue(e.getMessage().contains("decoder.all: unknown field"), e.getMessage());
  }
}
