/**
 * toksmith's public API: {@link dev.toksmith.api.Tokenizer} and {@link dev.toksmith.api.Encoding} to
 * run tokenizers, {@link dev.toksmith.ByteLevelBpeTrainer} and {@link dev.toksmith.Corpus} to
 * train them; {@link dev.toksmith.api.WordPooledTokenizer} for word-pooled models (words as rows of
 * units) with its {@link dev.toksmith.api.CharVocabulary} and {@link dev.toksmith.api.WordPooledStats}. Load and save tokenizer files with {@code dev.toksmith.Tokenizers} (module
 * {@code toksmith-vocab}). Everything outside this package and {@code dev.toksmith.vocab} is internal.
 */
package dev.toksmith.api;
