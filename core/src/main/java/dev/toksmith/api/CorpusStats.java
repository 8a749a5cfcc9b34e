package dev.toksmith.api;

/**
 * What {@link DocumentSource#read} read.
 *
 * @param documents how many documents went to the sink
 * @param bytes bytes of text decoded, after decompression and archive unpacking: every byte of every
 *     line, including line ends, and for JSON lines the whole line, not just the field
 * @param invalidUtf8Sequences how many U+FFFD replacement characters decoding inserted, one per
 *     maximal invalid subpart (see {@code dev.toksmith.Corpus})
 *
 * <pre>{@code
 * CorpusStats read = Corpus.of("corpus/").read(document -> {}, ReadProgress.NONE);
 * System.out.println(read.documents() + " documents, " + read.bytes() + " bytes, " + read.invalidUtf8Sequences() + " replaced");
 * }</pre>
 */
public record CorpusStats(long documents, long bytes, long invalidUtf8Sequences) {
  /** What this read and {@code other} read, together: counts of parts of a corpus add up. */
  public CorpusStats plus(CorpusStats other) {
    return new CorpusStats(documents + other.documents, bytes + other.bytes, invalidUtf8Sequences + other.invalidUtf8Sequences);
  }
}
