/**
 * Internal: tiktoken encodings behind {@link dev.toksmith.Tokenizers}: the built-in ones by
 * encoding or model name ({@code TiktokenEncodings}) and the binary form they load from ({@code
 * CompactRanks}), {@code .tiktoken} rank files ({@code RankFile}) and the conversion of an
 * encoding to an equivalent Hugging Face pipeline ({@code TiktokenConversion}).
 */
package dev.toksmith.vocab.tiktoken;
