package dev.toksmith.cli;

import java.util.ArrayList;
import java.util.List;

/** {@code --format table}: titled sections as aligned text tables, each followed by its notes. */
final class CompareTable {
  private CompareTable() {}

  /** The sections as aligned text tables: text columns left, numbers right, a rule under the header. */
  static String render(List<CompareReport.Section> sections) {
    StringBuilder sb = new StringBuilder();
    for (CompareReport.Section s : sections) {
      if (sb.length() > 0) sb.append('\n');
      sb.append(s.title()).append('\n');
      int[] widths = new int[s.header().size()];
      List<List<String>> all = new ArrayList<>();
      all.add(s.header());
      all.addAll(s.rows());
      for (List<String> row : all) for (int c = 0; c < row.size(); c++) widths[c] = Math.max(widths[c], width(row.get(c)));
      List<String> rule = new ArrayList<>();
      for (int w : widths) rule.add("-".repeat(w));
      all.add(1, rule);
      for (List<String> row : all) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.size(); c++) {
          if (c > 0) line.append("  ");
          String pad = " ".repeat(widths[c] - width(row.get(c)));
          line.append(s.align().charAt(c) == 'l' ? row.get(c) + pad : pad + row.get(c));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
      }
      for (String note : s.notes()) sb.append(note).append('\n');
    }
    return sb.toString();
  }

  /** Display width in code points: close enough for aligning names and numbers. */
  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
