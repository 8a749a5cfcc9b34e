package dev.toksmith.cli;

import java.util.List;

/** {@code --format markdown}: titled sections as GitHub-flavoured Markdown tables. */
final class CompareMarkdown {
  private CompareMarkdown() {}

  /** The sections as {@code ###} headings, pipe tables (numbers right-aligned) and their notes. */
  static String render(List<CompareReport.Section> sections) {
    StringBuilder sb = new StringBuilder();
    for (CompareReport.Section s : sections) {
      if (sb.length() > 0) sb.append('\n');
      sb.append("### ").append(s.title()).append("\n\n");
      sb.append(row(s.header()));
      StringBuilder align = new StringBuilder("|");
      for (int c = 0; c < s.header().size(); c++) align.append(s.align().charAt(c) == 'l' ? "---|" : "---:|");
      sb.append(align).append('\n');
      for (List<String> row : s.rows()) sb.append(row(row));
      if (!s.notes().isEmpty()) sb.append('\n');
      for (String note : s.notes()) sb.append(note).append('\n');
    }
    return sb.toString();
  }

  private static String row(List<String> cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String cell : cells) sb.append(' ').append(cell.replace("\\", "\\\\").replace("|", "\\|")).append(" |");
    return sb.append('\n').toString();
  }
}
