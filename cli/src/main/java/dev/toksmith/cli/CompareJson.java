package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code --format json}: the report's records ({@link CompareReport}) as an array of objects, nested
 * maps as objects; figures that do not apply, and ratios without a denominator, are {@code null}.
 */
final class CompareJson {
  private CompareJson() {}

  /** The records as a JSON array, one record a line. */
  static String render(List<Map<String, Object>> records) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      out.write("[");
      boolean first = true;
      for (Map<String, Object> record : records) {
        out.write(first ? "\n" : ",\n");
        first = false;
        g.writeStartObject();
        for (Map.Entry<String, Object> field : record.entrySet()) {
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
        g.flush();
      }
      out.write("\n]\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Double d) {
      if (Double.isNaN(d) || Double.isInfinite(d)) g.writeNull();
      else g.writeNumber(d);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(e.getKey().toString());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeString(value.toString());
    }
  }
}
