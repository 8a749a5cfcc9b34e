package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import java.util.List;

/** Applies normalizers in order, as Hugging Face's {@code Sequence} normalizer. */
public final class NormalizerSequence implements Normalizer {
  private final List<Normalizer> stages;

  public NormalizerSequence(List<Normalizer> stages) {
    this.stages = List.copyOf(stages);
  }

  public List<Normalizer> stages() {
    return stages;
  }

  /** A text no stage changes passes every stage unchanged. */
  @Override
  public boolean mayChange(CharSequence text) {
    for (Normalizer n : stages) if (n.mayChange(text)) return true;
    return false;
  }

  @Override
  public void normalize(NormalizedString text) {
    for (Normalizer n : stages) n.normalize(text);
  }
}
