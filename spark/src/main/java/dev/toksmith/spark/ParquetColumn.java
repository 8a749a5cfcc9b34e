package dev.toksmith.spark;

import dev.toksmith.api.CorpusException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One top-level string (or binary) column of a Parquet file, read row group by row group in row
 * order, straight from the file (Spark's own reader hands out rows in no fixed order across files).
 */
final class ParquetColumn {
  private ParquetColumn() {}

  /** Receives the value of one row: {@code bytes[from, to)}, which must not be kept. */
  @FunctionalInterface
  interface ValueSink {
    void value(byte[] bytes, int from, int to) throws IOException;
  }

  /**
   * The number of rows in each row group of the file, and each group's compressed size in bytes.
   *
   * @throws CorpusException if the file has no such top-level column, or it holds no strings
   */
  static long[][] rowGroups(Configuration conf, String path, String name, String column) throws IOException {
    try (ParquetFileReader reader = open(conf, path, name)) {
      projection(reader, name, column);
      List<BlockMetaData> blocks = reader.getRowGroups();
      long[][] groups = new long[2][blocks.size()];
      for (int i = 0; i < blocks.size(); i++) {
        groups[0][i] = blocks.get(i).getRowCount();
        groups[1][i] = blocks.get(i).getCompressedSize();
      }
      return groups;
    }
  }

  /**
   * Hands the column's value of every row of row groups {@code [from, to)} to {@code sink}, in order.
   *
   * @throws CorpusException if a value is null
   */
  static void read(Configuration conf, String path, String name, String column, int from, int to, ValueSink sink) throws IOException {
    try (ParquetFileReader reader = open(conf, path, name)) {
      MessageType projection = projection(reader, name, column);
      reader.setRequestedSchema(projection);
      ColumnDescriptor descriptor = projection.getColumns().get(0);
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      long row = 0;
      for (int g = 0; g < from; g++) row += reader.getRowGroups().get(g).getRowCount();
      for (int g = from; g < to; g++) {
        PageReadStore pages = reader.readRowGroup(g);
        ColumnReader values = new ColumnReadStoreImpl(pages, new NoConversion(), projection, createdBy).getColumnReader(descriptor);
        for (long r = 0, rows = pages.getRowCount(); r < rows; r++, row++) {
          if (values.getCurrentDefinitionLevel() < descriptor.getMaxDefinitionLevel()) {
            throw new CorpusException(name + ": row " + row + ": column \"" + column + "\" is null");
          }
          byte[] bytes = values.getBinary().getBytes();
          sink.value(bytes, 0, bytes.length);
          values.consume();
        }
      }
    }
  }

  private static ParquetFileReader open(Configuration conf, String path, String name) throws IOException {
    try {
      return ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), conf));
    } catch (RuntimeException | IOException e) {
      throw new CorpusException(name + ": not a Parquet file (" + e.getMessage() + ")", e);
    }
  }

  /** The file's schema narrowed to the column, which must be a top-level string or binary. */
  private static MessageType projection(ParquetFileReader reader, String name, String column) throws CorpusException {
    MessageType schema = reader.getFooter().getFileMetaData().getSchema();
    if (!schema.containsField(column)) {
      List<String> names = new ArrayList<>();
      for (Type field : schema.getFields()) names.add(field.getName());
      throw new CorpusException(name + ": no column \"" + column + "\" (it has " + String.join(", ", names) + ")");
    }
    Type field = schema.getType(column);
    if (!field.isPrimitive() || field.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY
        || field.isRepetition(Type.Repetition.REPEATED)) {
      throw new CorpusException(name + ": column \"" + column + "\" holds no strings (it is " + field.toString().trim() + ")");
    }
    return new MessageType(schema.getName(), field);
  }

  /** Values are read from the column reader directly; no record is assembled. */
  private static final class NoConversion extends GroupConverter {
    private final PrimitiveConverter primitive = new PrimitiveConverter() {};

    @Override
    public Converter getConverter(int fieldIndex) {
      return primitive;
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
