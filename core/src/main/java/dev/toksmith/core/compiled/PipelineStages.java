package dev.toksmith.core.compiled;

import dev.toksmith.core.models.Model;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PreTokenizer;

/**
 * What a family's compiler ({@link FastPaths}) sees of a pipeline. Any stage but the model may be
 * null. A file of its own, so that the families and the list of them do not depend on each other.
 */
public record PipelineStages(Normalizer normalizer, PreTokenizer preTokenizer, Model model, NormalizedAddedTokens added) {}
