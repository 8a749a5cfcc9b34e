package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code CTC} decoder (speech models): repeated tokens collapse into one, the pad
 * token is removed, and with {@code cleanup} the word delimiter becomes a space and the WordPiece
 * cleanup applies. Without {@code cleanup} the delimiter stays, as in the reference.
 */
public final class CtcDecoder implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "CTC";

  private final String padToken;
  private final String wordDelimiterToken;
  private final boolean cleanup;

  public CtcDecoder(String padToken, String wordDelimiterToken, boolean cleanup) {
    this.padToken = padToken;
    this.wordDelimiterToken = wordDelimiterToken;
    this.cleanup = cleanup;
  }

  public String padToken() {
    return padToken;
  }

  public String wordDelimiterToken() {
    return wordDelimiterToken;
  }

  public boolean cleanup() {
    return cleanup;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    String previous = null;
    for (String token : tokens) {
      if (token.equals(previous)) continue;
      previous = token;
      String text = RustStrings.replace(token, padToken, "");
      if (cleanup) text = RustStrings.replace(WordPieceDecoder.cleanup(text), wordDelimiterToken, " ");
      if (!text.isEmpty()) out.add(text);
    }
    return out;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("pad_token", padToken());
    p.put("word_delimiter_token", wordDelimiterToken());
    p.put("cleanup", cleanup());
    return new Stage(TYPE, p, List.of());
  }
}
