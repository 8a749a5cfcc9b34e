/**
 * tiktoken encodings: OpenAI's built-in ones ({@link dev.toksmith.vocab.tiktoken.TiktokenEncodings},
 * by encoding or model name), {@code .tiktoken} rank files ({@link
 * dev.toksmith.vocab.tiktoken.RankFile}), the {@code --tokenizer SPEC} resolution of the command line
 * ({@link dev.toksmith.vocab.tiktoken.TokenizerResolver}) and the conversion of an encoding to an
 * equivalent Hugging Face pipeline ({@link dev.toksmith.vocab.tiktoken.TiktokenConversion}).
 *
 * <pre>{@code
 * TiktokenTokenizer gpt4o = TiktokenEncodings.load("gpt-4o").orElseThrow();    // o200k_base
 * int[] ids = gpt4o.encodeIds("Hello, world!");                                 // [13225, 11, 2375, 0]
 * int[] withSpecials = gpt4o.withAllowedSpecial(Set.of("<|endoftext|>")).encodeIds("a<|endoftext|>");
 * }</pre>
 */
package dev.toksmith.vocab.tiktoken;
