/**
 * Small public-domain and permissively licensed sample texts (US founding documents, State of the
 * Union addresses, Moby-Dick, the UDHR in 30 languages, Unicode's emoji test data) bundled as
 * classpath resources, so tokenizer tests and benchmarks have real multilingual text offline.
 * Start with {@link dev.toksmith.samples.Samples}; provenance is in {@code
 * META-INF/toksmith-corpora-samples/LICENSES.md}.
 */
package dev.toksmith.samples;
