/**
 * toksmith's contracts and values: {@link dev.toksmith.api.Tokenizer} and {@link
 * dev.toksmith.api.Encoding} to run tokenizers, {@link dev.toksmith.api.Truncation} and {@link
 * dev.toksmith.api.Padding}, {@link dev.toksmith.api.DecodeStream}, {@link
 * dev.toksmith.api.DocumentSource} and {@link dev.toksmith.api.DocumentSink} for documents, the
 * results of training, merging and word-pooled encoding, and {@link
 * dev.toksmith.api.TokenLanguageModel} for language models. The entry points that make these (loading
 * by spec, the trainers, {@code Corpus}) are in the package {@code dev.toksmith} of the module {@code
 * toksmith-vocab}; see docs/library-architecture.md for the packages a user imports.
 */
package dev.toksmith.api;
