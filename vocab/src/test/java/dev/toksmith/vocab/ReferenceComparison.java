package dev.toksmith.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.core.reference.HfReference.Encoded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares toksmith with the reference on many texts at once and collects every difference, counted
 * by kind, with the first few of each kind spelled out: the text, the first differing token, and
 * both outputs around it.
 */
final class ReferenceComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Detailed examples kept for each kind of difference; all are counted. */
  private static final int EXAMPLES_PER_KIND = 5;

  private ReferenceComparison() {}

  /**
   * What the reference gives for every text, without and with the post-processor's special tokens,
   * and the decoding of the latter keeping and skipping special tokens.
   */
  record Expected(String reference, List<Encoded> plain, List<Encoded> special, List<String> decoded, List<String> decodedSkipping) {}

  /** Every line of every sample, the edge strings, and text around the tokenizer's added tokens. */
  static List<String> texts(String tokenizerJson) {
    List<String> texts = new ArrayList<>(FamilyTexts.sampleLines());
    texts.addAll(FamilyTexts.EDGE_TEXTS);
    List<String> added = new ArrayList<>();
    try {
      for (JsonNode token : JSON.readTree(tokenizerJson).path("added_tokens")) added.add(token.get("content").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The first and last twenty: files such as Gemma's have thousands, mostly alike.
    List<String> chosen = added.size() <= 40 ? added : new ArrayList<>(added.subList(0, 20));
    if (added.size() > 40) chosen.addAll(added.subList(added.size() - 20, added.size()));
    for (String token : chosen) texts.add(token + "Hello " + token + " world" + token + token + "\n" + token);
    if (!chosen.isEmpty()) texts.add(String.join("", chosen) + " " + String.join(" ", chosen));
    return texts;
  }

  /** Asks Hugging Face 0.21.4 (DJL); a tokenizer.json it cannot read throws a RuntimeException. */
  static Expected fromDjl(String tokenizerJson, List<String> texts) {
    try (HfReference plain = HfReference.load(tokenizerJson, false); HfReference special = HfReference.load(tokenizerJson, true)) {
      List<Encoded> withSpecial = special.encodeAll(texts);
      List<String> decoded = new ArrayList<>();
      List<String> decodedSkipping = new ArrayList<>();
      for (Encoded e : withSpecial) {
        decoded.add(plain.decode(e.ids(), false));
        decodedSkipping.add(plain.decode(e.ids(), true));
      }
      return new Expected("Hugging Face 0.21.4 (DJL)", plain.encodeAll(texts), withSpecial, decoded, decodedSkipping);
    }
  }

  /**
   * Encodes and decodes every text with {@code ours} and compares with {@code expected}: full
   * encodings, and the ids alone from {@code encodeIds}, {@code encodeBytes} and {@code countTokens},
   * which take a pipeline's fast path when it has one.
   */
  static Differences compare(Tokenizer ours, Expected expected, List<String> texts) {
    List<Encoding> plain = ours.encodeBatch(texts, false);
    List<Encoding> special = ours.encodeBatch(texts, true);
    Differences differences = new Differences();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      differences.compare("without special tokens", text, expected.plain().get(i), encoded(plain.get(i)));
      long[] plainIds = expected.plain().get(i).ids();
      differences.compareIds("encodeIds", text, plainIds, ours.encodeIds(text));
      differences.compareIds("encodeBytes", text, plainIds, ours.encodeBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      int counted = ours.countTokens(text);
      if (counted != plainIds.length) differences.add("countTokens", "text " + quote(text) + "\n      reference: " + plainIds.length + " ids, toksmith counts " + counted);
      differences.compare("with special tokens", text, expected.special().get(i), encoded(special.get(i)));
      int[] ids = Arrays.stream(expected.special().get(i).ids()).mapToInt(Math::toIntExact).toArray();
      differences.compare("decode keeping special tokens", text, expected.decoded().get(i), ours.decode(ids, false));
      differences.compare("decode skipping special tokens", text, expected.decodedSkipping().get(i), ours.decode(ids, true));
    }
    return differences;
  }

  /**
   * toksmith's encoding in the reference's terms: a token the post-processor added has no span there
   * (toksmith gives it [0, 0)).
   */
  static Encoded encoded(Encoding e) {
    long[] ids = new long[e.size()];
    int[] starts = new int[e.size()];
    int[] ends = new int[e.size()];
    for (int k = 0; k < e.size(); k++) {
      ids[k] = e.id(k);
      boolean added = e.sequenceId(k) < 0 && e.start(k) == 0 && e.end(k) == 0;
      starts[k] = added ? -1 : e.start(k);
      ends[k] = added ? -1 : e.end(k);
    }
    return new Encoded(ids, e.tokens().toArray(String[]::new), starts, ends);
  }

  /** A text short enough to read, with its invisible characters spelled out. */
  static String quote(String text) {
    String shown = text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + " chars)" : text;
    StringBuilder s = new StringBuilder("\"");
    shown.codePoints().forEach(c -> {
      boolean invisible = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFEFF || (c >= 0x200B && c <= 0x200F) || c == 0x2028;
      if (invisible) s.append(String.format("\\u%04X", c));
      else s.appendCodePoint(c);
    });
    return s.append('"').toString();
  }

  /** Differences found so far: counted by kind, with the first few of each kind in detail. */
  static final class Differences {
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    /** Records a difference in the ids, token strings or spans of {@code text}, at the first token that differs. */
    void compare(String mode, String text, Encoded expected, Encoded actual) {
      int n = Math.max(expected.ids().length, actual.ids().length);
      for (int k = 0; k < n; k++) {
        String kind = null;
        if (k >= expected.ids().length || k >= actual.ids().length || expected.ids()[k] != actual.ids()[k]) kind = "ids";
        else if (!expected.tokens()[k].equals(actual.tokens()[k])) kind = "tokens";
        else if (expected.starts()[k] != actual.starts()[k] || expected.ends()[k] != actual.ends()[k]) kind = "offsets";
        if (kind != null) {
          add(mode + ", " + kind, "text " + quote(text) + "\n      first difference at token " + k
              + "\n      reference: " + window(expected, k) + "\n      toksmith:  " + window(actual, k));
          return;
        }
      }
    }

    /** Records a difference in ids alone, at the first id that differs. */
    void compareIds(String mode, String text, long[] expected, int[] actual) {
      int k = 0;
      while (k < Math.min(expected.length, actual.length) && expected[k] == actual[k]) k++;
      if (k == expected.length && k == actual.length) return;
      add(mode, "text " + quote(text) + "\n      first difference at id " + k + " of " + expected.length + " (toksmith gives " + actual.length + ")"
          + "\n      reference: " + Arrays.toString(Arrays.copyOfRange(expected, k, Math.min(expected.length, k + 6)))
          + "\n      toksmith:  " + Arrays.toString(Arrays.copyOfRange(actual, k, Math.min(actual.length, k + 6))));
    }

    /** Records a difference between two decoded texts, at the first char that differs. */
    void compare(String mode, String text, String expected, String actual) {
      if (expected.equals(actual)) return;
      int at = 0;
      while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) at++;
      int from = Math.max(0, at - 20);
      add(mode, "text " + quote(text) + "\n      first difference at char " + at
          + "\n      reference: " + quote(expected.substring(from, Math.min(expected.length(), at + 40)))
          + "\n      toksmith:  " + quote(actual.substring(from, Math.min(actual.length(), at + 40))));
    }

    void add(String kind, String detail) {
      counts.merge(kind, 1, Integer::sum);
      List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
      if (list.size() < EXAMPLES_PER_KIND) list.add(detail);
    }

    boolean none() {
      return counts.isEmpty();
    }

    String summary() {
      return counts.isEmpty() ? "no difference" : "differences: " + counts;
    }

    /** The summary, then the examples of each kind. */
    String report() {
      StringBuilder s = new StringBuilder(summary());
      examples.forEach((kind, list) -> {
        s.append("\n  ").append(kind).append(" (").append(counts.get(kind)).append(" texts):");
        for (String detail : list) s.append("\n    ").append(detail);
      });
      return s.toString();
    }

    private static String window(Encoded e, int k) {
      StringBuilder s = new StringBuilder();
      for (int i = Math.max(0, k - 2); i < Math.min(e.ids().length, k + 4); i++) {
        s.append(i == k ? " >" : " ").append(e.ids()[i]).append(' ').append(quote(e.tokens()[i]))
            .append(" [").append(e.starts()[i]).append(',').append(e.ends()[i]).append(')');
      }
      return e.ids().length <= k ? s + " (ends after " + e.ids().length + " tokens)" : s.toString();
    }
  }
}
