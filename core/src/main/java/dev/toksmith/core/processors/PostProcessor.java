package dev.toksmith.core.processors;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.List;

/**
 * Last stage of encoding: lays out one or two encoded sequences with the special tokens a model
 * expects, and may adjust offsets. Mirrors Hugging Face's {@code PostProcessor} trait. Immutable and
 * thread-safe.
 */
public interface PostProcessor {

  /** How many special tokens {@link #process} adds to a single sequence or to a pair. */
  int addedTokens(boolean isPair);

  /** Hugging Face's {@code process_encodings}: the sequences (and their pieces) laid out, not yet merged. */
  List<EncodingParts> processEncodings(List<EncodingParts> encodings, boolean addSpecialTokens);

  /**
   * Hugging Face's default {@code process}: marks each sequence's id and type id, runs {@link
   * #processEncodings}, and merges the result into one encoding.
   */
  default EncodingParts process(EncodingParts encoding, EncodingParts pair, boolean addSpecialTokens) {
    List<EncodingParts> encodings = pair == null ? List.of(encoding) : List.of(encoding, pair);
    for (int i = 0; i < encodings.size(); i++) {
      EncodingParts e = encodings.get(i);
      e.setSequenceId(i);
      for (EncodingParts piece : e.overflowing()) piece.setSequenceId(i);
      e.setTypeIds(i);
    }
    return EncodingParts.merge(processEncodings(encodings, addSpecialTokens), false);
  }

  /** What Hugging Face does without a post-processor: a pair is joined as sequences 0 and 1. */
  static EncodingParts defaultProcess(EncodingParts encoding, EncodingParts pair) {
    if (pair == null) return encoding;
    encoding.setSequenceId(0);
    pair.setSequenceId(1);
    return EncodingParts.merge(List.of(encoding, pair), false);
  }

  /**
   * This post-processor as {@code Tokenizer.description()} shows it: its tokenizer.json {@code type} (the one
   * place that names it: the tokenizer.json registry takes it from here) and its parameters.
   */
  Stage describe();
}
