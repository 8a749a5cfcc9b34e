package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.io.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code --format jsonl} output of encode. A class of its own so that the other formats do not
 * load Jackson, which takes a noticeable part of a short run.
 */
final class JsonlOutput {
  private static final JsonFactory JSON = JsonText.factory();

  private JsonlOutput() {}

  /**
   * One JSON object: ids and token texts, offsets when asked (in code points of the sequence each
   * token came from), the masks when a pair, truncation or padding make them matter, and the
   * overflowing pieces truncation cut off.
   */
  static void write(ByteSink out, Tokenizer tok, Encoding e, String text, String pair, boolean offsets) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writeEncoding(g, tok, e, text, pair, offsets);
    } catch (IOException x) {
      throw new UncheckedIOException("writing JSON to memory", x);
    }
  }

  private static void writeEncoding(JsonGenerator g, Tokenizer tok, Encoding e, String text, String pair, boolean offsets) throws IOException {
    int[] ids = e.ids();
    g.writeStartObject();
    writeArray(g, "ids", ids);
    g.writeArrayFieldStart("tokens");
    for (String t : tok.tokenTexts(ids)) g.writeString(t);
    g.writeEndArray();
    if (offsets) {
      int[] textCodePoints = codePointIndex(text);
      int[] pairCodePoints = pair == null ? null : codePointIndex(pair);
      g.writeArrayFieldStart("offsets");
      for (int i = 0; i < e.size(); i++) {
        int[] index = e.sequenceId(i) == 1 ? pairCodePoints : textCodePoints;
        // Overflowing pieces of a pair can lose their sequence ids (as in Hugging Face).
        if (index != null && e.end(i) >= index.length) index = index == textCodePoints ? pairCodePoints : textCodePoints;
        boolean none = index == null || e.isSpecial(i);
        g.writeStartArray();
        g.writeNumber(none ? 0 : index[e.start(i)]);
        g.writeNumber(none ? 0 : index[e.end(i)]);
        g.writeEndArray();
      }
      g.writeEndArray();
    }
    if (pair != null || tok.truncation() != null || tok.padding() != null) {
      writeArray(g, "type_ids", e.typeIds());
      writeArray(g, "attention_mask", e.attentionMask());
      writeArray(g, "special_tokens_mask", e.specialTokensMask());
    }
    if (!e.overflowing().isEmpty()) {
      g.writeArrayFieldStart("overflowing");
      for (Encoding piece : e.overflowing()) writeEncoding(g, tok, piece, text, pair, offsets);
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** For each UTF-16 index of {@code s} (and its length), the number of code points before it. */
  private static int[] codePointIndex(String s) {
    int[] index = new int[s.length() + 1];
    for (int i = 0, count = 0; i < s.length(); i++) {
      index[i] = count;
      if (!(Character.isLowSurrogate(s.charAt(i)) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) count++;
      index[i + 1] = count;
    }
    return index;
  }

  private static void writeArray(JsonGenerator g, String field, int[] values) throws IOException {
    g.writeArrayFieldStart(field);
    for (int v : values) g.writeNumber(v);
    g.writeEndArray();
   }
}
