package dev.toksmith.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.ArgGroupSpec;

/** A prompt as text or as the raw bytes of a file, which may end inside a character. */
final class LmPrompt {
  String text;
  Path file;

  /** These options as the group a command takes exactly one of (see {@link FieldOptions}). */
  ArgGroupSpec group() {
    return ArgGroupSpec.builder().exclusive(true).multiplicity("1")
        .addArg(FieldOptions.option(this, "text", "--prompt").required(true).paramLabel("TEXT")
            .description("The prompt text.")
            .build())
        .addArg(FieldOptions.option(this, "file", "--prompt-file").required(true).paramLabel("FILE")
            .description("Read the prompt's exact bytes from FILE (it may end inside a character).")
            .build())
        .build();
  }

  byte[] bytes() throws IOException {
    return file != null ? Files.readAllBytes(file) : text.getBytes(StandardCharsets.UTF_8);
  }
}
