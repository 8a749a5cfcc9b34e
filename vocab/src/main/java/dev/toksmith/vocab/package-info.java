/**
 * Tokenizer file formats: {@link dev.toksmith.vocab.Tokenizers} loads and saves Hugging Face
 * tokenizer.json. The {@code hf} sub-package is internal.
 */
package dev.toksmith.vocab;
