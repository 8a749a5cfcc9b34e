/**
 * Internal: curated domain term lists (legal terms, financial terms, legal reporter abbreviations)
 * bundled as resources, and the reader for term list files, for {@code toksmith compare --terms} and
 * for domain custom tokens.
 */
package dev.toksmith.vocab.terms;
