package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The build writes a man page per command and subcommand into cli/target/man, from the same annotations as the help. */
class ManPagesTest {
  /** Where the build puts them; tests run in the module's directory. */
  private static final Path MAN = Path.of("target/man");

  static java.util.stream.Stream<List<String>> commands() {
    return HelpTest.commands();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyCommandHasAManPageWithItsOptions(List<String> path) throws Exception {
    CommandLine cli = Main.commandLine(new Main(null));
    for (String name : path) cli = cli.getSubcommands().get(name);
    CommandSpec spec = cli.getCommandSpec();
    String name = spec.qualifiedName("-");
    Path page = MAN.resolve(name + ".1");
    assertTrue(Files.isRegularFile(page), () -> page.toAbsolutePath() + " was not built");
    String roff = Files.readString(page);
    assertTrue(roff.contains(".TH \"" + roff(name.toUpperCase(Locale.ROOT)) + "\" \"1\""), () -> "no title line in " + page);
    for (OptionSpec option : spec.options()) {
      if (option.hidden()) continue;
      // A negatable option is shown as --[no-]NAME.
      String shown = option.negatable() ? option.longestName().replaceFirst("^--", "--[no-]") : option.longestName();
      assertTrue(roff.contains("\\fB" + roff(shown) + "\\fP"), () -> shown + " missing from " + page);
    }
    String summary = roff(HelpFormat.summary(spec).replace("'", "\\(cq"));
    assertTrue(roff.contains(summary.substring(0, Math.min(40, summary.length()))), () -> "no summary in " + page);
    if (isExecutable("man")) assertEquals("", render(page), "man -l " + page + " complains");
  }

  /** Hyphens as roff writes them. */
  private static String roff(String text) {
    return text.replace("-", "\\-");
  }

  private static boolean isExecutable(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, program))) return true;
    return false;
  }

  /** What man says on standard error about the page; the page itself must render. */
  private static String render(Path page) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("man", "-l", page.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("MANWIDTH", "80");
    builder.environment().put("MANPAGER", "cat");
    Process p = builder.start();
    p.getOutputStream().close();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    return err;
  }
}
