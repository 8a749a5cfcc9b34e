package dev.toksmith.api;

/**
 * What {@link DocumentSource#read} read.
 *
 * @param documents how many documents went to the sink
 * @param bytes bytes of text decoded, after decompression and archive unpacking: every byte of every
 *     line, including line ends, and for JSON lines the whole line, not just the field
 * @param invalidUtf8Sequences how many U+FFFD replacement characters decoding inserted, one per
 *     maximal invalid subpart (see {@code dev.toksmith.Corpus})
 */
public record CorpusStats(long documents, long bytes, long invalidUtf8Sequences) {}
