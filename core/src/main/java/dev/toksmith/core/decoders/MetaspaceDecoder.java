package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.pretokenizers.Metaspace.PrependScheme;
import dev.toksmith.core.pretokenizers.Metaspace;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face's {@code Metaspace} decoder: the replacement character becomes a space again, except
 * in the first token, where (unless the scheme is {@code never}) every replacement character is
 * dropped, since the pre-tokenizer prepended one.
 */
public final class MetaspaceDecoder implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "Metaspace";

  private final Metaspace settings;

  /** @param settings the pre-tokenizer whose output this decodes (Hugging Face uses one type for both) */
  public MetaspaceDecoder(Metaspace settings) {
    this.settings = settings;
  }

  public Metaspace settings() {
    return settings;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    int replacement = settings.replacement();
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      boolean dropReplacement = i == 0 && settings.prependScheme() != PrependScheme.NEVER;
      String token = tokens.get(i);
      StringBuilder text = new StringBuilder(token.length());
      token.codePoints().forEach(cp -> {
        if (cp != replacement) text.appendCodePoint(cp);
        else if (!dropReplacement) text.append(' ');
      });
      out.add(text.toString());
    }
    return out;
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, settings().describe().parameters(), List.of());
  }
}
