package dev.toksmith.spark;

import java.io.Serializable;

/**
 * A part of the input that one task reads: a whole file (unwrapped as {@code train} unwraps it:
 * compression, archives), a byte range of a plain text file whose lines start in it, or a range of
 * row groups of a Parquet file.
 *
 * @param path the file, as Hadoop names it
 * @param name what errors call it: the file as the input named it, and the part
 * @param start first byte, or first row group
 * @param end byte or row group after the last
 * @param firstDocument the position of its first document in the whole input, once known (-1 before)
 */
record InputSplit(Kind kind, String path, String name, long start, long end, long firstDocument) implements Serializable {

  enum Kind {
    WHOLE_FILE,
    TEXT_RANGE,
    PARQUET_ROW_GROUPS
  }

  InputSplit withFirstDocument(long first) {
    return new InputSplit(kind, path, name, start, end, first);
  }
}
