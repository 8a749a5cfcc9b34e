package dev.toksmith.core;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.processors.PostProcessor;
import java.util.List;

/**
 * A tokenizer made of Hugging Face's stages, seen stage by stage: what code inside {@code core} needs
 * beyond the {@link Tokenizer} contract to predict its encodings without running it (byte-level
 * language-model scoring reads the pre-tokenizer's split, the added tokens and their options, the
 * BPE's merges). Such code asks for this capability, never for a concrete tokenizer class.
 */
public interface StagedTokenizer extends Tokenizer {
  /** The normalizer, or null. */
  Normalizer normalizer();

  /** The pre-tokenizer, or null. */
  PreTokenizer preTokenizer();

  Model model();

  /** The post-processor, or null for Hugging Face's default (a pair is joined as sequences 0 and 1). */
  PostProcessor postProcessor();

  /** The decoder, or null (tokens joined by spaces). */
  Decoder decoder();

  /** The added tokens as given, in order, with their matching options. */
  List<AddedToken> addedTokenOptions();

  /** The added vocabulary with the ids Hugging Face assigns. */
  AddedVocabulary addedVocabulary();
}
