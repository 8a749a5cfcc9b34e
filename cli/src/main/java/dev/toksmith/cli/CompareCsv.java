package dev.toksmith.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format csv}: the report's records ({@link CompareReport}) as RFC 4180 lines; figures that
 * do not apply, and ratios without a denominator, are empty fields.
 */
final class CompareCsv {
  private CompareCsv() {}

  /** The records as a header line and one line per record; a nested map's entries become {@code FIELD:KEY} columns. */
  static String render(List<Map<String, Object>> records) {
    List<String> columns = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    List<Map<String, Object>> flat = new ArrayList<>();
    for (Map<String, Object> nested : records) {
      Map<String, Object> record = new LinkedHashMap<>();
      nested.forEach((key, value) -> {
        if (value instanceof Map<?, ?> map) map.forEach((sub, v) -> record.put(key + ":" + sub, v));
        else record.put(key, value);
      });
      for (String key : record.keySet()) if (!columns.contains(key)) columns.add(key);
      flat.add(record);
    }
    // Columns are every field of any record (overlap columns differ from one tokenizer to the next).
    for (Map<String, Object> record : flat) {
      List<String> row = new ArrayList<>();
      for (String column : columns) row.add(value(record.get(column)));
      rows.add(row);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(line(columns));
    for (List<String> row : rows) sb.append(line(row));
    return sb.toString();
  }

  private static String value(Object value) {
    if (value == null) return "";
    if (value instanceof Double d) return Double.isNaN(d) || Double.isInfinite(d) ? "" : d.toString();
    return value.toString();
  }

  /** RFC 4180: fields holding a comma, quote or line break are quoted, quotes doubled; lines end in CRLF. */
  private static String line(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) sb.append(',');
      String f = fields.get(i);
      boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
      sb.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
    }
    return sb.append("\r\n").toString();
  }
}
