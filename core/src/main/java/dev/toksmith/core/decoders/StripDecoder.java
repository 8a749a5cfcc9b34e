package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code Strip} decoder: removes up to {@code start} leading and {@code stop}
 * trailing occurrences of one character from every token.
 */
public final class StripDecoder implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "Strip";

  private final int content;
  private final int start;
  private final int stop;

  /**
   * @param content the code point to strip
   * @param start how many leading occurrences to strip at most
   * @param stop how many trailing occurrences to strip at most
   */
  public StripDecoder(int content, int start, int stop) {
    if (start < 0 || stop < 0) throw new IllegalArgumentException("start and stop must not be negative");
    this.content = content;
    this.start = start;
    this.stop = stop;
  }

  public int content() {
    return content;
  }

  public int start() {
    return start;
  }

  public int stop() {
    return stop;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      int[] cps = token.codePoints().toArray();
      int startCut = 0;
      while (startCut < Math.min(start, cps.length) && cps[startCut] == content) startCut++;
      // Trailing occurrences are counted only among the characters the start left, so a token made
      // only of the character is stripped to nothing (Hugging Face 0.21 panics there instead).
      int stopCut = cps.length;
      while (cps.length - stopCut < Math.min(stop, cps.length - startCut) && cps[stopCut - 1] == content) stopCut--;
      out.add(new String(cps, startCut, stopCut - startCut));
    }
    return out;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("content", Character.toString(content()));
    p.put("start", start());
    p.put("stop", stop());
    return new Stage(TYPE, p, List.of());
  }
}
