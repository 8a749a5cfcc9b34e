/** Internal: SentencePiece .model files, behind {@link dev.toksmith.Tokenizers}. */
package dev.toksmith.vocab.sentencepiece;
