/**
 * Internal: measurements for comparing tokenizers on the same text, as {@code toksmith compare}
 * reports them: token counts and ratios per dataset ({@link TokenizerComparison}, read into {@link
 * ComparisonResults}), tokens per domain
 * term ({@link TermFertility}), vocabulary overlap ({@link VocabularyOverlap}), and how well a
 * tokenizer keeps its token boundaries on noisy text ({@link BoundaryConsistency}). No file formats
 * and no output formatting: callers hand in text and tokenizers and get numbers back.
 */
package dev.toksmith.core.compare;
