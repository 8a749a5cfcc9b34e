/**
 * Exact byte-level probabilities from token-level language models (Phan et al., ICLR 2025): {@link
 * dev.toksmith.core.lm.TokenBytes} views a tokenizer as token byte strings with canonicality checks,
 * {@link dev.toksmith.core.lm.KneserNeyModel} is a token n-gram model that gives no mass to
 * non-canonical continuations, and {@link dev.toksmith.core.lm.ByteLevelModel} turns any {@link
 * dev.toksmith.api.TokenLanguageModel} into next-byte distributions through covers.
 */
package dev.toksmith.core.lm;
