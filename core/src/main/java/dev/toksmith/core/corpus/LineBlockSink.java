package dev.toksmith.core.corpus;

import dev.toksmith.api.DocumentSink;

/**
 * A sink that can also take the lines of plain text undecoded, many at a time, so that work on their
 * bytes needs no strings. {@link CorpusReader} hands a sink of this kind blocks of whole lines when it
 * reads plain text (not JSON lines, not whole texts); lines it cannot hand so (the rest of a stream
 * once a line runs past {@value CorpusReader#LONG_LINE_BYTES} bytes) still come one by one through
 * {@link #accept}.
 */
public interface LineBlockSink extends DocumentSink {

  /**
   * Takes whole lines as the input's bytes, all of {@code utf8}: each ends with {@code '\n'}, except
   * the block's last when the stream ends without one. A block never spans two streams. The sink must
   * treat them exactly as the lines {@link Utf8LineReader} decodes from these bytes, each passed to
   * {@link #accept}. The reader counts the blocks' lines and bytes in what it returns, but not the
   * U+FFFD that decoding them inserts for invalid UTF-8: the sink's owner counts and adds those.
   */
  void acceptLines(byte[] utf8);
}
