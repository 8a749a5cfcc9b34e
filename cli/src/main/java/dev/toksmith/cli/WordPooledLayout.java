package dev.toksmith.cli;

import picocli.CommandLine.Model.CommandSpec;

/** The row layout options of word-pooled tokenizers ({@code --tokenizer word-pooled:...}). */
final class WordPooledLayout {
  Integer maxUnits;
  Integer slots;

  /**
   * These options as a mixin (see {@link FieldOptions}): for {@link CommandSpec#addMixin}, or for a
   * command still declared by annotations, as the value of its {@code @Mixin} field.
   */
  CommandSpec mixin() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.addOption(FieldOptions.option(this, "maxUnits", "--max-units").paramLabel("N")
        .description("word-pooled tokenizers: units per word row; longer words continue on flagged rows.")
        .build());
    spec.addOption(FieldOptions.option(this, "slots", "--slots").paramLabel("P")
        .description("word-pooled tokenizers: reserved leading slots per row, for a model's per-word CLS vectors (default 0).")
        .build());
    return spec;
  }
}

