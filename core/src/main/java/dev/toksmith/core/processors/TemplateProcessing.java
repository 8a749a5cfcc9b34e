package dev.toksmith.core.processors;

import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code TemplateProcessing}: when special tokens are asked for, lays out the
 * sequence and special tokens as the single-sequence template says (e.g. {@code <s> $A </s>}).
 */
public final class TemplateProcessing implements PostProcessor {
  /** One template element: a special token by name, or the sequence ({@code A} or {@code B}). */
  public record Piece(boolean isSequence, String id, int typeId) {}

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
  public void process(EncodingParts encoding, boolean addSpecialTokens) {
    if (!addSpecialTokens) return;
    int insertAt = 0;
    boolean afterSequence = false;
    for (Piece p : single) {
      if (p.isSequence()) {
        afterSequence = true;
        continue;
      }
      SpecialToken special = specialTokens.get(p.id());
      for (int k = 0; k < special.ids().size(); k++) {
        if (afterSequence) encoding.add(special.ids().get(k), special.tokens().get(k), 0, 0, true);
        else encoding.insert(insertAt++, special.ids().get(k), special.tokens().get(k), 0, 0, true);
      }
    }
  }
}
