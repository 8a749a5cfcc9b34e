package dev.toksmith.cli;

import java.io.File;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc sources of the man pages, one per command and subcommand, from the same
 * annotations as the help; the build runs it before the tests and turns the pages into roff in
 * {@code cli/target/man} (see cli/pom.xml). Build tooling, so it lives with the tests.
 */
public final class ManPages {
  private ManPages() {}

  /** @param args the directory to write the {@code .adoc} files to */
  public static void main(String[] args) throws Exception {
    int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, Main.commandLine(new Main(null)).getCommandSpec());
    if (status != 0) throw new IllegalStateException("picocli's ManPageGenerator failed with status " + status);
  }
}
