/** Internal: the tokenizer.json reader and writer behind {@link dev.toksmith.vocab.Tokenizers}. */
package dev.toksmith.vocab.hf;
