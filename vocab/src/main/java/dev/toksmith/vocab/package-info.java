/**
 * {@link dev.toksmith.vocab.TokenizerFormatException}, the error of every tokenizer file format:
 * exported, as {@link dev.toksmith.Tokenizers} throws it. The sub-packages {@code hf}, {@code gpt2},
 * {@code tiktoken}, {@code sentencepiece} and {@code io} are internal; {@code terms}, {@code npy} and
 * {@code glyphs} are exported for direct use.
 */
package dev.toksmith.vocab;
