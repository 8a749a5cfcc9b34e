package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * {@link Main#main} tells picocli to leave out its converters for the java.sql and java.time types
 * (they cost a cold start a few milliseconds): no option or parameter of any command may take such a
 * type, or picocli could not convert it when toksmith runs as a program.
 */
class OptionTypesTest {
  private static final String[] UNCONVERTED = Main.UNCONVERTED_TYPES.split(",");

  private static boolean unconverted(Class<?> type) {
    for (String regex : UNCONVERTED) {
      if (type.getName().matches(regex)) return true;
    }
    return false;
  }

  @Test
  void theExclusionCoversJavaSqlAndJavaTimeOnly() {
    assertTrue(unconverted(java.time.Duration.class));
    assertTrue(unconverted(java.time.format.DateTimeFormatter.class));
    assertTrue(unconverted(java.sql.Timestamp.class));
    assertFalse(unconverted(Path.class));
    assertFalse(unconverted(String.class));
    assertFalse(unconverted(Integer.class));
  }

  @Test
  void noOptionTakesAnUnconvertedType() {
    List<String> offending = new ArrayList<>();
    List<CommandLine> commands = new ArrayList<>(List.of(Main.commandLine(new Main(null))));
    int seen = 0;
    while (!commands.isEmpty()) {
      CommandLine command = commands.remove(commands.size() - 1);
      commands.addAll(command.getSubcommands().values());
      for (ArgSpec arg : command.getCommandSpec().args()) {
        seen++;
        List<Class<?>> types = new ArrayList<>(List.of(arg.type()));
        types.addAll(List.of(arg.auxiliaryTypes()));
        for (Class<?> type : types) {
          if (unconverted(type)) offending.add(command.getCommandSpec().qualifiedName() + " " + arg + ": " + type.getName());
        }
      }
    }
    assertTrue(seen > 100, "only " + seen + " options and parameters seen");
    assertEquals(List.of(), offending);
  }
}
