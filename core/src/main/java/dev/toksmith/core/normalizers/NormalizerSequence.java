package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.List;
import java.util.Map;

/** Applies normalizers in order, as Hugging Face's {@code Sequence} normalizer. */
public final class NormalizerSequence implements Normalizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "Sequence";

  private final List<Normalizer> stages;

  public NormalizerSequence(List<Normalizer> stages) {
    this.stages = List.copyOf(stages);
  }

  public List<Normalizer> stages() {
    return stages;
  }

  /** Every stage cuts cleanly where the cut falls in what the stages before it made. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    NormalizedString normalized = new NormalizedString(text.toString(), 0);
    for (Normalizer stage : stages) {
      int cut = normalized.cutIndexOf(at);
      if (cut < 0 || !stage.cutsCleanlyAt(normalized.get(), cut)) return false;
      stage.normalize(normalized);
    }
    return true;
  }

  @Override
  public void normalize(NormalizedString text) {
    for (Normalizer n : stages) n.normalize(text);
  }

  /** Every stage leaves the text unchanged. */
  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    for (Normalizer n : stages) if (!n.leavesUnchanged(utf8, from, to, raw)) return false;
    return true;
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of(), stages().stream().map(Normalizer::describe).toList());
  }
}
