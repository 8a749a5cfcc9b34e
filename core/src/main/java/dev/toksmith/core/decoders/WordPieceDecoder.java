package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code WordPiece} decoder: a token with the continuation prefix joins the token
 * before it, any other token after the first starts a new word after a space; with {@code cleanup},
 * spaces before punctuation and English contractions are removed from each piece.
 */
public final class WordPieceDecoder implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "WordPiece";

  private final String prefix;
  private final boolean cleanup;

  public WordPieceDecoder(String prefix, boolean cleanup) {
    this.prefix = prefix;
    this.cleanup = cleanup;
  }

  public String prefix() {
    return prefix;
  }

  public boolean cleanup() {
    return cleanup;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (i != 0) token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
      out.add(cleanup ? cleanup(token) : token);
    }
    return out;
  }

  /** Hugging Face's {@code wordpiece::cleanup}, also used by the CTC decoder; the order matters. */
  static String cleanup(String dirty) {
    return dirty
        .replace(" .", ".")
        .replace(" ?", "?")
        .replace(" !", "!")
        .replace(" ,", ",")
        .replace(" ' ", "'")
        .replace(" n't", "n't")
        .replace(" 'm", "'m")
        .replace(" do not", " don't")
        .replace(" 's", "'s")
        .replace(" 've", "'ve")
        .replace(" 're", "'re");
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("prefix", prefix());
    p.put("cleanup", cleanup());
    return new Stage(TYPE, p, List.of());
  }
}
