/**
 * Internal: tiktoken encodings behind {@link dev.toksmith.Tokenizers}: the built-in ones by
 * encoding or model name ({@code TiktokenEncodings}) and the binary form they load from ({@code
 * CompactRanks}) and {@code .tiktoken} rank files ({@code RankFile}). The conversion of an encoding
 * to an equivalent Hugging Face pipeline is core's ({@code TiktokenTokenizer.stages}), since it
 * needs no format.
 */
package dev.toksmith.vocab.tiktoken;
