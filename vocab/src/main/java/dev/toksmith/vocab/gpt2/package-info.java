/** Internal: GPT-2 style vocab.json + merges.txt, behind {@link dev.toksmith.Tokenizers}. */
package dev.toksmith.vocab.gpt2;
