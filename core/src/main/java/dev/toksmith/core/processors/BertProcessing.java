package dev.toksmith.core.processors;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code BertProcessing}: {@code [CLS] A [SEP]} and {@code [CLS] A [SEP] B [SEP]},
 * the second sequence and its {@code [SEP]} with type id 1.
 */
public final class BertProcessing implements PostProcessor {
  /** The tokenizer.json type. */
  public static final String TYPE = "BertProcessing";

  private final String sep;
  private final int sepId;
  private final String cls;
  private final int clsId;

  public BertProcessing(String sep, int sepId, String cls, int clsId) {
    this.sep = sep;
    this.sepId = sepId;
    this.cls = cls;
    this.clsId = clsId;
  }

  public String sep() {
    return sep;
  }

  public int sepId() {
    return sepId;
  }

  public String cls() {
    return cls;
  }

  public int clsId() {
    return clsId;
  }

  @Override
  public int addedTokens(boolean isPair) {
    return isPair ? 3 : 2;
  }

  @Override
  public List<EncodingParts> processEncodings(List<EncodingParts> encodings, boolean addSpecialTokens) {
    if (!addSpecialTokens) return encodings;
    return EncodingParts.wrapEach(encodings, this::wrap);
  }

  private EncodingParts wrap(EncodingParts e, boolean first) {
    if (first) {
      EncodingParts w = e.wrap(List.of(clsId), List.of(cls), List.of(sepId), List.of(sep), 0);
      w.setSequenceRange(0, 1, w.size() - 1);
      return w;
    }
    EncodingParts w = e.wrap(List.of(), List.of(), List.of(sepId), List.of(sep), 1);
    w.setSequenceRange(1, 0, w.size() - 1);
    return w;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("sep", List.of(sep(), sepId()));
    p.put("cls", List.of(cls(), clsId()));
    return new Stage(TYPE, p, List.of());
  }
}
