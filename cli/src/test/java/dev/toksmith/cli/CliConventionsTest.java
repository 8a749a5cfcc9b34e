package dev.toksmith.cli;

import static dev.toksmith.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What users expect of any command: versions, the samples listing, shell completion. */
class CliConventionsTest {
  @TempDir static Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"encode -V", "decode --version", "lm --version", "lm score -V", "compare -V", "samples -V", "completion --version"})
  void everyCommandPrintsTheVersion(String command) {
    Result r = run(command.split(" "));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.outText().matches("toksmith \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), r.outText());
  }

  @Test
  void samplesListsEverySampleAndGroup() {
    Result r = run("samples");
    assertEquals(0, r.code(), r.err());
    String out = r.outText();
    for (Sample s : Samples.all()) {
      long bytes = s.text().getBytes(StandardCharsets.UTF_8).length;
      assertTrue(out.lines().anyMatch(line -> line.startsWith(s.name() + " ") && line.contains(" " + bytes + "  " + s.license() + " ") && line.endsWith(s.source())),
          () -> s.name() + " " + bytes + " " + s.license() + " " + s.source() + " not listed in\n" + out);
    }
    String groups = out.substring(out.indexOf("Groups\n"));
    for (String group : Samples.groups()) {
      assertTrue(groups.contains("\n" + group + " ") && groups.matches("(?s).*\\n" + group + " +" + Samples.group(group).size() + " .*"), group + " in\n" + groups);
    }
  }

  /** JSON output writes emoji as UTF-8, as it writes CJK, not as surrogate escapes (\\uD83D\\uDE42). */
  @Test
  void jsonWritesEveryCharacterAsUtf8() throws Exception {
    String line = "🙂 東京 naïve 𝔘 e\u0301";
    byte[] input = (line + "\n").getBytes(StandardCharsets.UTF_8);
    for (String[] command : new String[][] {
      {"encode", "-t", "o200k_base", "--format", "jsonl"},
      {"merge", "-t", "o200k_base", "--batch-size", "1", "--merges", "2", "--format", "jsonl"},
    }) {
      Result r = CliTest.run(input, command);
      assertEquals(0, r.code(), r.err());
      assertFalse(r.outText().contains("\\u"), r.outText());
      StringBuilder joined = new StringBuilder();
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.outText()).get("tokens").forEach(t -> joined.append(t.asText()));
      assertEquals(line, joined.toString(), command[0]);
    }
    Path corpus = Files.writeString(dir.resolve("emoji.txt"), "🙂🙂🙂 東京\n");
    Path chars = dir.resolve("emoji-chars.json");
    Result trained = CliTest.run("train", "--type", "word-pooled-chars", "--vocab-size", "260", "--min-frequency", "1", "-o", chars.toString(), corpus.toString());
    assertEquals(0, trained.code(), trained.err());
    String json = Files.readString(chars);
    assertTrue(json.contains("\"🙂\"") && !json.contains("\\uD83D"), "tokenizer.json too: " + json);
  }

  @Test
  void anUnknownSampleNameListsTheValidOnes() {
    Result r = run("compare", "-t", "gpt2", "udhr-xyz");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("toksmith: no such file, directory, bundled sample or sample group: udhr-xyz (groups: legal, government, literature, multilingual, emoji;"), r.err());
    assertTrue(r.err().contains("samples such as udhr-"), r.err());
    assertTrue(r.err().contains("toksmith samples lists all " + Samples.all().size()), r.err());
  }

  /** The bash script completes commands, options and option values when bash runs it. */
  @Test
  void bashCompletesCommandsOptionsAndValues() throws Exception {
    Path script = completionScript("bash");
    assumeTrue(onPath("bash"), "no bash");
    String prelude = "source " + script + "; complete_at() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; "
        + "COMPREPLY=(); _complete_toksmith 2>/dev/null; echo \"${COMPREPLY[*]}\"; }; ";
    assertEquals("encode", shell("bash", prelude + "complete_at toksmith enc"));
    assertEquals("lm", shell("bash", prelude + "complete_at toksmith l"));
    assertEquals("complete", shell("bash", prelude + "complete_at toksmith lm comp"));
    assertEquals("--level", shell("bash", prelude + "complete_at toksmith lm score --le"));
    assertEquals("bytes tokens", shell("bash", prelude + "complete_at toksmith lm score --level ''"));
    assertEquals("bash zsh", shell("bash", prelude + "complete_at toksmith completion ''"));
  }

  /** zsh runs the same script through bashcompinit, which calls it with zero-based arrays. */
  @Test
  void zshRegistersTheCompletion() throws Exception {
    Path script = completionScript("zsh");
    assumeTrue(onPath("zsh"), "no zsh");
    assertEquals("_bash_complete -F _complete_toksmith -o default", shell("zsh", "source " + script + " && print -r -- ${_comps[toksmith]}"));
    String values = shell("zsh", "source " + script + "; setopt ksharrays; COMP_WORDS=(toksmith lm score --level ''); COMP_CWORD=4; "
        + "COMP_LINE='toksmith lm score --level '; COMP_POINT=${#COMP_LINE}; _complete_toksmith 2>/dev/null; print -r -- \"${COMPREPLY[*]}\"");
    assertEquals("bytes tokens", values);
  }

  @Test
  void completionNeedsAKnownShell() {
    Result r = run("completion", "fish");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bash|zsh"), r.err());
  }

  private static Path completionScript(String shell) throws IOException {
    Result r = run("completion", shell);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.outText().contains("complete -F _complete_toksmith"), r.outText());
    return Files.write(dir.resolve("toksmith-" + shell), r.out());
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, program))) return true;
    return false;
  }

  /** Runs {@code script} in a fresh shell without start-up files; returns its standard output, trimmed. */
  private static String shell(String shell, String script) throws Exception {
    List<String> command = new ArrayList<>(List.of(shell, shell.equals("zsh") ? "-f" : "--norc", "-c", script));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    return out.strip();
  }
}
