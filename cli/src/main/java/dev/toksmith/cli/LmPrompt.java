package dev.toksmith.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A prompt as text or as the raw bytes of a file, which may end inside a character. */
final class LmPrompt {
  @Option(names = "--prompt", paramLabel = "TEXT", required = true, description = "The prompt text.")
  String text;

  @Option(names = "--prompt-file", paramLabel = "FILE", required = true, description = "Read the prompt's exact bytes from FILE (it may end inside a character).")
  Path file;

  byte[] bytes() throws IOException {
    return file != null ? Files.readAllBytes(file) : text.getBytes(StandardCharsets.UTF_8);
  }
}
