package dev.toksmith.vocab.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * JSON as toksmith writes it: every character as UTF-8, emoji and other characters above U+FFFF
 * included (Jackson would write those as a pair of surrogate escapes, {@code \uD83D\uDE42}, while it
 * writes CJK literally); only an unpaired surrogate, which has no UTF-8, stays an escape. Generators
 * leave the caller's stream open.
 *
 * <pre>{@code
 * try (JsonGenerator g = JsonText.factory().createGenerator(System.out)) {
 *   g.writeString("emoji 🙂 stay UTF-8");
 * }
 * }</pre>
 */
public final class JsonText {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private JsonText() {}

  /** The factory of generators that write so; thread-safe. */
  public static JsonFactory factory() {
    return FACTORY;
  }
}
