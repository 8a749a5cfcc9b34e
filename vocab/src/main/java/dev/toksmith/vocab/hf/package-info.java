/** Internal: the tokenizer.json reader and writer behind {@link dev.toksmith.Tokenizers}. */
package dev.toksmith.vocab.hf;
