package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.unicode.NormalizedString;


/** Receives pre-tokenizer output: the range {@code [start, end)} of {@code text}, never empty. */
@FunctionalInterface
public interface PieceSink {
  void piece(NormalizedString text, int start, int end);
}
