package dev.toksmith.cli;

import picocli.CommandLine.Option;

/** The row layout options of word-pooled tokenizers ({@code --tokenizer word-pooled:...}). */
final class WordPooledLayout {
  @Option(names = "--max-units", paramLabel = "N", description = "word-pooled tokenizers: units per word row; longer words continue on flagged rows.")
  Integer maxUnits;

  @Option(names = "--slots", paramLabel = "P", description = "word-pooled tokenizers: reserved leading slots per row, for a model's per-word CLS vectors (default 0).")
  Integer slots;
}

