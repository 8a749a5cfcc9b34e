package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Renders the help of every command and subcommand and checks that it reads well at 80 columns:
 * lines wrap at spaces only (never "tokenizer.⏎json" or "(e.⏎g."), never before a word that would
 * have fit (a sentence broken in the middle), continuation lines line up, option names keep a gap
 * before their description, no option shows picocli's {@code <field>} placeholder, and the command
 * list gives each command's whole one-sentence summary.
 */
class HelpTest {
  private static final int WIDTH = 80;
  /** An entry of an option, parameter or command list: its names, the gap, then its description (if on this line). */
  private static final Pattern ENTRY = Pattern.compile("^( {1,6})(\\S+?(?:, \\S+)*)(?:( +)(\\S.*))?$");
  private static final Pattern PLACEHOLDER = Pattern.compile("(=|\\[)<[a-z][A-Za-z]*>");

  /** Every command path, the top level first. */
  static Stream<List<String>> commands() {
    CommandLine all = Main.commandLine(new Main(null));
    List<List<String>> paths = new ArrayList<>();
    collect(all, new ArrayList<>(), paths);
    return paths.stream();
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
      List<String> child = new ArrayList<>(path);
      child.add(sub.getKey());
      collect(sub.getValue(), child, paths);
    }
  }

  /** The help as users see it, through {@link Main#run}, and the spec it was made from. */
  private static String help(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Main.Streams(new ByteArrayInputStream(new byte[0]), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), false), args.toArray(String[]::new));
    assertEquals(0, code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static CommandSpec spec(List<String> path) {
    CommandLine cli = Main.commandLine(new Main(null));
    for (String name : path) cli = cli.getSubcommands().get(name);
    return cli.getCommandSpec();
  }

  /** The top-level help names the environment variables the command line reads, as the library spells them. */
  @org.junit.jupiter.api.Test
  void topLevelHelpNamesTheEnvironment() {
    String help = help(List.of()).replaceAll("\\s+", " ");
    for (String variable : List.of(dev.toksmith.TokenizerCache.SWITCH + "=off", dev.toksmith.TokenizerCache.DIRECTORY, "$XDG_CACHE_HOME/toksmith", "~/.cache/toksmith", "JAVA_OPTS")) {
      assertTrue(help.contains(variable), () -> "the top-level help does not name " + variable + ":\n" + help);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void linesFitIn80Columns(List<String> path) {
    for (String line : help(path).split("\n")) {
      assertTrue(line.codePointCount(0, line.length()) <= WIDTH, () -> "longer than " + WIDTH + ": " + line);
    }
  }

  /** A wrap anywhere but at a space shows as a space that the text does not have ("tokenizer. json"). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void textWrapsAtSpacesOnly(List<String> path) {
    String help = collapse(help(path));
    CommandSpec spec = spec(path);
    List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
    texts.addAll(List.of(spec.usageMessage().footer()));
    List<ArgSpec> args = new ArrayList<>(spec.options());
    args.addAll(spec.positionalParameters());
    for (ArgSpec arg : args) {
      if (!arg.hidden()) texts.add(String.join(" ", arg.description()));
    }
    for (String text : texts) {
      String expected = collapse(HelpFormat.format(text));
      assertTrue(help.contains(expected), () -> "not shown as written (a wrap inside a word?): " + expected + "\nin: " + help);
    }
  }

  /**
   * A line is broken early (mid-sentence, or where the text had a line break of its own) when the next
   * line's first word would have fit on it; only the end of a sentence or heading may do that.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void noLineEndsBeforeAWordThatWouldHaveFit(List<String> path) {
    String[] lines = help(path).split("\n");
    boolean synopsis = false;
    for (int i = 0; i + 1 < lines.length; i++) {
      String a = lines[i];
      String b = lines[i + 1];
      if (a.startsWith("Usage:")) synopsis = true;
      else if (indent(a) == 0) synopsis = false;
      if (a.isBlank() || b.isBlank() || isEntry(b) || (synopsis && indent(b) == 0)) continue;
      Matcher entry = ENTRY.matcher(a);
      if (entry.matches() && entry.group(4) == null) continue; // names alone: the description starts below
      String firstWord = b.strip().split(" ")[0];
      boolean wouldFit = a.length() + 1 + firstWord.length() <= WIDTH;
      if (wouldFit && !a.matches(".*[.:!?]$")) fail("broken before '" + firstWord + "', which fits:\n" + a + "\n" + b);
    }
  }

  /** In option and command lists, an entry's description lines start in one column (wrapped ones two further in). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void continuationLinesLineUp(List<String> path) {
    String[] lines = help(path).split("\n");
    for (int i = 0; i < lines.length; i++) {
      Matcher entry = ENTRY.matcher(lines[i]);
      if (!entry.matches()) continue;
      int j = i + 1;
      int column;
      if (entry.group(4) != null) {
        column = entry.start(4);
      } else {
        if (j >= lines.length || isEntry(lines[j]) || lines[j].isBlank()) continue;
        column = indent(lines[j++]);
      }
      for (; j < lines.length && !lines[j].isBlank() && indent(lines[j]) > 0 && !isEntry(lines[j]); j++) {
        String line = lines[j];
        assertEquals(column + 2, indent(line), () -> "misaligned under '" + entry.group(2) + "': " + line);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void optionsHaveNamedPlaceholdersWithAGap(List<String> path) {
    String help = help(path);
    Matcher placeholder = PLACEHOLDER.matcher(help);
    if (placeholder.find()) fail("picocli's default placeholder " + placeholder.group() + " in:\n" + help);
    for (String line : help.split("\n")) {
      Matcher entry = ENTRY.matcher(line);
      if (entry.matches() && entry.group(4) != null) assertTrue(entry.group(3).length() >= 2, () -> "no gap before the description: " + line);
    }
  }

  /** The command list shows each command's first description paragraph whole: one sentence, at most two lines. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void commandListGivesWholeSummaries(List<String> path) {
    CommandSpec spec = spec(path);
    if (spec.subcommands().isEmpty()) return;
    String[] lines = help(path).split("\n");
    int start = List.of(lines).indexOf("Commands:");
    assertTrue(start >= 0, "no command list");
    for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
      String summary = HelpFormat.summary(sub.getValue().getCommandSpec());
      List<String> shown = new ArrayList<>();
      for (int i = start + 1; i < lines.length && !lines[i].isBlank(); i++) {
        Matcher entry = ENTRY.matcher(lines[i]);
        if (entry.matches() && entry.group(2).equals(sub.getKey())) {
          shown.add(entry.group(4));
          for (int j = i + 1; j < lines.length && !isEntry(lines[j]) && indent(lines[j]) > 2; j++) shown.add(lines[j].strip());
        }
      }
      assertEquals(collapse(summary), String.join(" ", shown), "the summary of " + sub.getKey());
      assertTrue(summary.endsWith("."), () -> "not one whole sentence: " + summary);
      assertTrue(shown.size() <= 2, () -> sub.getKey() + "'s summary takes " + shown.size() + " lines: " + summary);
    }
  }

  private static boolean isEntry(String line) {
    int indent = indent(line);
    return indent >= 1 && indent <= 6;
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') i++;
    return i;
  }

  private static String collapse(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
