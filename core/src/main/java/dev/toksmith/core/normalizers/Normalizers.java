package dev.toksmith.core.normalizers;

import dev.toksmith.api.Normalization;
import java.util.ArrayList;
import java.util.List;

/**
 * The normalizers behind the public {@link Normalization} names (the trainers' and the command line's
 * choices). Their tokenizer.json names, readers and writers are registered in the vocab module.
 */
public final class Normalizers {
  private Normalizers() {}

  /** The normalizer for a list of normalizations: null for none, one stage, or a sequence. */
  public static Normalizer of(List<Normalization> normalizations) {
    List<Normalizer> stages = new ArrayList<>();
    for (Normalization n : normalizations) stages.add(of(n));
    if (stages.isEmpty()) return null;
    return stages.size() == 1 ? stages.get(0) : new NormalizerSequence(stages);
  }

  public static Normalizer of(Normalization n) {
    return switch (n) {
      case NFC -> Nfc.INSTANCE;
      case NFD -> Nfd.INSTANCE;
      case NFKC -> Nfkc.INSTANCE;
      case NFKD -> Nfkd.INSTANCE;
      case LOWERCASE -> Lowercase.INSTANCE;
    };
  }
}
