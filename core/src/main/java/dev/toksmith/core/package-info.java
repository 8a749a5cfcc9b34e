/**
 * Internal: the tokenizer pipeline and its stages, one sub-package per stage as in Hugging Face's
 * tokenizers ({@code normalizers}, {@code pretokenizers}, {@code models}, {@code processors},
 * {@code decoders}). Public only so that toksmith's own modules can assemble and serialize
 * pipelines; no compatibility is promised. Use {@link dev.toksmith.api}.
 */
package dev.toksmith.core;
