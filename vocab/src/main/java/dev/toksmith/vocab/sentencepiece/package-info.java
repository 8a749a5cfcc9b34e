/** Internal: SentencePiece .model files, behind {@link dev.toksmith.vocab.Tokenizers}. */
package dev.toksmith.vocab.sentencepiece;
