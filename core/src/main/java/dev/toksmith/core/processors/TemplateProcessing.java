package dev.toksmith.core.processors;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hugging Face's {@code TemplateProcessing}: when special tokens are asked for, lays out the
 * sequence and special tokens as the single-sequence template says (e.g. {@code <s> $A </s>}).
 */
public final class TemplateProcessing implements PostProcessor {
  /** The tokenizer.json type. */
  public static final String TYPE = "TemplateProcessing";

  /** One template element: a special token by name, or a sequence ({@code A} or {@code B}). */
  public record Piece(boolean isSequence, String id, int typeId) {
    /** The piece as Hugging Face's template strings write it: {@code $A:0}, {@code [CLS]:0}. */
    public String template() {
      return (isSequence ? "$" : "") + id + ":" + typeId;
    }
  }

  /** A special token the templates refer to, with the ids and tokens it expands to. */
  public record SpecialToken(String id, List<Integer> ids, List<String> tokens) {
    public SpecialToken {
      if (ids.size() != tokens.size()) throw new IllegalArgumentException("special token " + id + " has " + ids.size() + " ids but " + tokens.size() + " tokens");
      ids = List.copyOf(ids);
      tokens = List.copyOf(tokens);
    }
  }

  private final List<Piece> single;
  private final List<Piece> pair;
  private final Map<String, SpecialToken> specialTokens;

  public TemplateProcessing(List<Piece> single, List<Piece> pair, Map<String, SpecialToken> specialTokens) {
    this.single = List.copyOf(single);
    this.pair = List.copyOf(pair);
    this.specialTokens = Map.copyOf(specialTokens);
    for (List<Piece> template : List.of(this.single, this.pair)) {
      for (Piece p : template) {
        if (!p.isSequence() && !this.specialTokens.containsKey(p.id())) {
          throw new IllegalArgumentException("template refers to special token " + p.id() + " missing from special_tokens");
        }
      }
    }
  }

  public List<Piece> single() {
    return single;
  }

  public List<Piece> pair() {
    return pair;
  }

  public Map<String, SpecialToken> specialTokens() {
    return specialTokens;
  }

  @Override
  public int addedTokens(boolean isPair) {
    int count = 0;
    for (Piece p : isPair ? pair : single) {
      if (!p.isSequence()) count += specialTokens.get(p.id()).ids().size();
    }
    return count;
  }

  @Override
  public List<EncodingParts> processEncodings(List<EncodingParts> encodings, boolean addSpecialTokens) {
    List<Piece> template = encodings.size() == 2 ? pair : single;
    List<EncodingParts> out = new java.util.ArrayList<>();
    for (Piece p : template) {
      if (p.isSequence()) {
        int i = p.id().equals("A") ? 0 : 1;
        if (i >= encodings.size()) throw new IllegalArgumentException("the single-sequence template refers to sequence B");
        EncodingParts e = encodings.get(i);
        e.setTypeIds(p.typeId());
        e.setSequenceId(i);
        out.add(e);
      } else if (addSpecialTokens) {
        SpecialToken special = specialTokens.get(p.id());
        out.add(EncodingParts.special(special.ids(), special.tokens(), p.typeId()));
      }
    }
    return out;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("single", single().stream().map(Piece::template).toList());
    p.put("pair", pair().stream().map(Piece::template).toList());
    // Sorted by name, as Hugging Face writes them.
    Map<String, List<Integer>> ids = new TreeMap<>();
    specialTokens().forEach((id, token) -> ids.put(id, token.ids()));
    p.put("special_tokens", ids);
    return new Stage(TYPE, p, List.of());
  }
}
