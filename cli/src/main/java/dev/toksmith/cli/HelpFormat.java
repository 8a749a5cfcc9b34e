package dev.toksmith.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine;

/**
 * Usage help as toksmith lays it out: picocli's sections, but lines wrap at spaces only. picocli
 * wraps with the JDK's line BreakIterator, which breaks after a dot inside a word ("tokenizer.⏎json",
 * "(e.⏎g.", "ids 0..⏎k-1"). An option name that fills its column exactly gets its description on the
 * next line instead of one space after it, and the command list shows each command's first
 * description paragraph (its one-sentence summary) whole.
 */
final class HelpFormat extends Help {
  /** The columns between an option's names and its description, at least. */
  private static final int MIN_GAP = 2;

  HelpFormat(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  /** Uses this layout for {@code cli} and every subcommand it has now. */
  static void install(CommandLine cli) {
    cli.setHelpFactory(new Factory());
  }

  /** A class, not {@code HelpFormat::new}: see {@code Main.ErrorLines}. */
  private static final class Factory implements CommandLine.IHelpFactory {
    @Override
    public Help create(CommandSpec spec, ColorScheme colorScheme) {
      return new HelpFormat(spec, colorScheme);
    }
  }

  @Override
  public String description(Object... params) {
    return paragraphs(commandSpec().usageMessage().description());
  }

  @Override
  public String header(Object... params) {
    return paragraphs(commandSpec().usageMessage().header());
  }

  @Override
  public String footer(Object... params) {
    return paragraphs(commandSpec().usageMessage().footer());
  }

  /** Each paragraph wrapped to the width on its own; an empty one is a blank line. */
  private String paragraphs(String[] paragraphs) {
    if (paragraphs == null) return "";
    TextTable table = new SpaceWrappingTable(colorScheme(), new Column(width(), 0, Overflow.WRAP));
    table.indentWrappedLines = 0;
    for (String paragraph : paragraphs) table.addRowValues(format(paragraph));
    return table.toString();
  }

  @Override
  public String commandList(Map<String, Help> subcommands) {
    if (subcommands.isEmpty()) return "";
    int nameWidth = 0;
    for (String name : subcommands.keySet()) nameWidth = Math.max(nameWidth, name.length());
    nameWidth = Math.min(nameWidth, width() / 2);
    TextTable table = new SpaceWrappingTable(colorScheme(), new Column(nameWidth + 2, 2, Overflow.SPAN), new Column(width() - nameWidth - 2, 2, Overflow.WRAP));
    for (Map.Entry<String, Help> entry : subcommands.entrySet()) {
      table.addRowValues(entry.getValue().commandNamesText(", "), colorScheme().text(format(summary(entry.getValue().commandSpec()))));
    }
    return table.toString();
  }

  /** What the command list says of a command: its header's first line, or else its description's. */
  static String summary(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    String[] description = spec.usageMessage().description();
    return header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
  }

  @Override
  public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
    int longOptionsWidth = calcLongOptionColumnWidth(options, positionals, scheme);
    // The columns of picocli's default layout: required marker, short name, comma, long names, description.
    TextTable table = new SpaceWrappingTable(scheme,
        new Column(2, 0, Overflow.TRUNCATE),
        new Column(2, 0, Overflow.SPAN),
        new Column(1, 0, Overflow.TRUNCATE),
        new Column(longOptionsWidth, 1, Overflow.SPAN),
        new Column(width() - 5 - longOptionsWidth, 1, Overflow.WRAP));
    return new Layout(scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
  }

  @Override
  protected String insertSynopsisCommandName(int headingLength, Text details) {
    String name = commandSpec().qualifiedName();
    int indent = headingLength + name.length() + 1;
    if (indent > commandSpec().usageMessage().synopsisAutoIndentThreshold() * width()) indent = headingLength;
    TextTable table = new SpaceWrappingTable(colorScheme(), new Column(width(), 0, Overflow.WRAP));
    table.indentWrappedLines = indent;
    // Room for the heading ("Usage: "), which the caller prints before the synopsis; cut off below.
    Text padding = colorScheme().text("X".repeat(headingLength));
    table.addRowValues(padding.concat(colorScheme().commandText(name)).concat(details));
    return table.toString().substring(headingLength);
  }

  private int width() {
    return commandSpec().usageMessage().width();
  }

  /** picocli's formatting of a help string: {@code %n} and other format specifiers; text that is no format stays as it is. */
  static String format(String text) {
    if (text == null) return "";
    try {
      return String.format(text);
    } catch (java.util.IllegalFormatException e) {
      return text;
    }
  }

  /** A TextTable whose wrapping columns break lines at spaces only. */
  static final class SpaceWrappingTable extends TextTable {
    private final ColorScheme scheme;

    SpaceWrappingTable(ColorScheme scheme, Column... columns) {
      super(scheme, columns);
      this.scheme = scheme;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column[] columns = columns();
      Column column = columns[col];
      if (column.overflow == Overflow.WRAP) return wrap(row, col, value);
      Cell cell = super.putValue(row, col, value);
      boolean fillsExactly = column.overflow == Overflow.SPAN && cell.column == col && col + 1 < columns.length && columns[col + 1].overflow == Overflow.WRAP
          && column.indent + value.getCJKAdjustedLength() == column.width && columns[col + 1].indent < MIN_GAP;
      // As if it had spilled over: the next value starts on a new row instead of right after this one.
      return fillsExactly ? new Cell(col + 1, row) : cell;
    }

    /** Writes {@code value} in column {@code col} from {@code row} on, one row per line, breaking at spaces. */
    private Cell wrap(int row, int col, Text value) {
      Column column = columns()[col];
      String plain = value.plainString();
      int start = 0;
      boolean first = true;
      while (true) {
        int room = column.width - column.indent - (first ? 0 : indentWrappedLines);
        int end = lineEnd(value, plain, start, room);
        Text line = value.substring(start, end);
        if (!first) {
          addEmptyRow();
          row++;
          line = scheme.text(" ".repeat(indentWrappedLines)).concat(line);
        }
        super.putValue(row, col, line);
        start = end;
        while (start < plain.length() && plain.charAt(start) == ' ') start++;
        if (start >= plain.length()) return new Cell(col, row);
        first = false;
      }
    }

    /**
     * Where the line that starts at {@code start} ends: before the last space that lets it fit in
     * {@code room} columns, or the end of the text; a word longer than the room is cut.
     */
    private static int lineEnd(Text value, String plain, int start, int room) {
      if (value.substring(start).getCJKAdjustedLength() <= room) return plain.length();
      int end = -1;
      for (int i = plain.indexOf(' ', start); i >= 0; i = plain.indexOf(' ', i + 1)) {
        if (value.substring(start, i).getCJKAdjustedLength() > room) break;
        if (i > start) end = i;
      }
      if (end > 0) return end;
      int cut = start + 1;
      while (cut < plain.length() && value.substring(start, cut + 1).getCJKAdjustedLength() <= room) cut++;
      return cut;
    }
  }
}
