/**
 * Exported: curated domain term lists (legal terms, financial terms, legal reporter abbreviations)
 * bundled as resources, and the reader for term list files, for domain custom tokens ({@code
 * DomainBpeTrainer.domainTerms}) and for measuring term fertility.
 *
 * <pre>{@code
 * List<String> terms = TermLists.reporterAbbreviations();
 * List<String> mine = TermLists.read(Path.of("terms.txt"));
 * }</pre>
 */
package dev.toksmith.vocab.terms;
