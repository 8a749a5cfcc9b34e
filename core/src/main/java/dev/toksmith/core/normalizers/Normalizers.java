package dev.toksmith.core.normalizers;

import dev.toksmith.api.Normalization;
import dev.toksmith.core.text.Excerpt;
import java.util.ArrayList;
import java.util.List;

/** Maps normalizers to and from their names: the public {@link Normalization} and tokenizer.json types. */
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

  /** The normalizer a tokenizer.json {@code type} names, for the types without parameters. */
  public static Normalizer byHuggingFaceType(String type) {
    return switch (type) {
      case "NFC" -> Nfc.INSTANCE;
      case "NFD" -> Nfd.INSTANCE;
      case "NFKC" -> Nfkc.INSTANCE;
      case "NFKD" -> Nfkd.INSTANCE;
      case "Lowercase" -> Lowercase.INSTANCE;
      case "StripAccents" -> StripAccents.INSTANCE;
      case "Nmt" -> Nmt.INSTANCE;
      default -> throw new IllegalArgumentException("unknown normalizer type " + Excerpt.quote(type));
    };
  }

  /** The tokenizer.json {@code type} of a normalizer. */
  public static String huggingFaceType(Normalizer n) {
    if (n == Nfc.INSTANCE) return "NFC";
    if (n == Nfd.INSTANCE) return "NFD";
    if (n == Nfkc.INSTANCE) return "NFKC";
    if (n == Nfkd.INSTANCE) return "NFKD";
    if (n == Lowercase.INSTANCE) return "Lowercase";
    if (n == StripAccents.INSTANCE) return "StripAccents";
    if (n == Nmt.INSTANCE) return "Nmt";
    if (n instanceof Strip) return "Strip";
    if (n instanceof Replace) return "Replace";
    if (n instanceof Prepend) return "Prepend";
    if (n instanceof BertNormalizer) return "BertNormalizer";
    if (n instanceof Precompiled) return "Precompiled";
    if (n instanceof NormalizerSequence) return "Sequence";
    throw new IllegalArgumentException("no tokenizer.json type for " + n.getClass().getName());
  }

  /** A short description such as {@code NFKC, Lowercase}; SentencePiece's own normalizer, which has no tokenizer.json type, with its settings. */
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
    return huggingFaceType(n);
  }
}
