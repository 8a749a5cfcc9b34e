package dev.toksmith.core.processors;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code RobertaProcessing}: {@code <s> A </s>} and {@code <s> A </s></s> B </s>},
 * every type id 0; with {@code trim_offsets}, offsets skip spaces as the ByteLevel processor does.
 */
public final class RobertaProcessing implements PostProcessor {
  /** The tokenizer.json type. */
  public static final String TYPE = "RobertaProcessing";

  private final String sep;
  private final int sepId;
  private final String cls;
  private final int clsId;
  private final boolean trimOffsets;
  private final boolean addPrefixSpace;

  public RobertaProcessing(String sep, int sepId, String cls, int clsId, boolean trimOffsets, boolean addPrefixSpace) {
    this.sep = sep;
    this.sepId = sepId;
    this.cls = cls;
    this.clsId = clsId;
    this.trimOffsets = trimOffsets;
    this.addPrefixSpace = addPrefixSpace;
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

  public boolean trimOffsets() {
    return trimOffsets;
  }

  public boolean addPrefixSpace() {
    return addPrefixSpace;
  }

  @Override
  public int addedTokens(boolean isPair) {
    return isPair ? 4 : 2;
  }

  @Override
  public List<EncodingParts> processEncodings(List<EncodingParts> encodings, boolean addSpecialTokens) {
    if (trimOffsets) {
      for (EncodingParts e : encodings) {
        ByteLevelProcessor.trimOffsets(e, addPrefixSpace);
        for (EncodingParts piece : e.overflowing()) ByteLevelProcessor.trimOffsets(piece, addPrefixSpace);
      }
    }
    for (EncodingParts e : encodings) e.setTypeIds(0);
    if (!addSpecialTokens) return encodings;
    return EncodingParts.wrapEach(encodings, this::wrap);
  }

  private EncodingParts wrap(EncodingParts e, boolean first) {
    EncodingParts w = first
        ? e.wrap(List.of(clsId), List.of(cls), List.of(sepId), List.of(sep), 0)
        : e.wrap(List.of(sepId), List.of(sep), List.of(sepId), List.of(sep), 0);
    w.setSequenceRange(first ? 0 : 1, 1, w.size() - 1);
    // Every RoBERTa token has type id 0, overflowing pieces included.
    w.setTypeIds(0);
    return w;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("sep", List.of(sep(), sepId()));
    p.put("cls", List.of(cls(), clsId()));
    p.put("trim_offsets", trimOffsets());
    p.put("add_prefix_space", addPrefixSpace());
    return new Stage(TYPE, p, List.of());
  }
}
