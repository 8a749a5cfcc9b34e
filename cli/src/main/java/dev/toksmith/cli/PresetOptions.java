package dev.toksmith.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The options of {@code train} that choose and tune a KL3M-style preset; see {@link PresetTraining}. */
final class PresetOptions {
  enum Preset {
    kl3m,
    kl3m_char;

    String label() {
      return name().replace('_', '-');
    }
  }

  Preset preset;
  /** {@code --cased} and {@code --uncased}, of which at most one may be given. */
  boolean cased;
  boolean uncased;
  boolean padToPowerOfTwo;
  Path customTokens;
  Integer maxTokenLength;

  /** Adds these options to {@code train}'s model. */
  void addTo(CommandSpec spec) {
    spec.addOption(FieldOptions.option(this, "preset", "--preset").paramLabel("kl3m|kl3m-char").converters(new PresetConverter())
        .description("kl3m: NFKC, GPT-2 split, byte-level BPE, the 13 KL3M special tokens at ids 0..12 and the KL3M custom tokens "
            + "(whitespace runs, markup/URL/JSON fragments, punctuation runs, years, citation enumerators, numbers 10-999, legal reporter "
            + "abbreviations) as added tokens. kl3m-char: the same pipeline without custom tokens and with tokens of at most 3 bytes "
            + "(4 at 16384), for OCR post-correction; --vocab-size 4096, 8192 or 16384.")
        .build());
    spec.addArgGroup(ArgGroupSpec.builder().exclusive(true)
        .addArg(FieldOptions.option(this, "cased", "--cased").description("With --preset: keep case (the default).").build())
        .addArg(FieldOptions.option(this, "uncased", "--uncased").description("With --preset: lowercase the text and the custom tokens after NFKC.").build())
        .build());
    spec.addOption(FieldOptions.option(this, "padToPowerOfTwo", "--pad-to-power-of-two")
        .description("With --preset kl3m: pad with runs of spaces and newlines to the next power of two (a power of two stays).")
        .build());
    spec.addOption(FieldOptions.option(this, "customTokens", "--custom-tokens").paramLabel("FILE")
        .description("With --preset kl3m: more custom tokens, one per line (UTF-8, taken verbatim; empty lines skipped).")
        .build());
    spec.addOption(FieldOptions.option(this, "maxTokenLength", "--max-token-length").paramLabel("N")
        .description("No merged token longer than N bytes (kl3m-char: 3, or 4 at 16384; otherwise unlimited).")
        .build());
  }

  /** Parses {@code kl3m-char} as well as the enum's own spelling. */
  static final class PresetConverter implements picocli.CommandLine.ITypeConverter<Preset> {
    @Override
    public Preset convert(String value) {
      for (Preset p : Preset.values()) if (p.label().equals(value)) return p;
      throw new picocli.CommandLine.TypeConversionException("unknown preset '" + value + "' (choose kl3m or kl3m-char)");
    }
  }
}
