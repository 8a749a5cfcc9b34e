package dev.toksmith.vocab.hf;

import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import java.util.ArrayList;
import java.util.List;

/** Stages described by their tokenizer.json type names, as registered, for people to read. */
public final class StageNames {
  private StageNames() {}

  /**
   * A short description such as {@code NFKC, Lowercase}; SentencePiece's own normalizer, which has no
   * tokenizer.json type, with its settings.
   */
  public static String describe(Normalizer n) {
    if (n instanceof NormalizerSequence seq) {
      List<String> parts = new ArrayList<>();
      for (Normalizer stage : seq.stages()) parts.add(describe(stage));
      return String.join(", ", parts);
    }
    if (n instanceof SentencePieceNormalizer sp) {
      List<String> settings = new ArrayList<>();
      settings.add(sp.charsmap() == null ? "no charsmap" : "precompiled charsmap");
      if (sp.removeExtraWhitespaces()) settings.add("extra whitespace removed");
      if (sp.addDummyPrefix()) settings.add(sp.whitespaceAsSuffix() ? "dummy suffix" : "dummy prefix");
      if (sp.escapeWhitespaces()) settings.add("spaces as \u2581");
      return "SentencePiece (" + String.join(", ", settings) + ")";
    }
    String type = NormalizerJson.COMPONENTS.typeOf(n);
    return type != null ? type : n.getClass().getSimpleName();
  }
}
