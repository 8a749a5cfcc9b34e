/**
 * Tokenizer file formats: {@link dev.toksmith.Tokenizers} loads Hugging Face tokenizer.json,
 * GPT-2's vocab.json + merges.txt, tiktoken rank files and the built-in tiktoken encodings, and
 * SentencePiece {@code .model} files, and saves any of them as tokenizer.json. The sub-packages
 * ({@code hf}, {@code gpt2}, {@code tiktoken}, {@code sentencepiece}) are internal.
 */
package dev.toksmith.vocab;
