package dev.toksmith.vocab.tiktoken;

import dev.toksmith.core.models.TiktokenModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build step that writes the {@link CompactRanks} form of every built-in rank file (run by the
 * vocab module's build at {@code process-classes}); apart from {@link CompactRanks}, which the
 * encodings read at run time, so that the two do not depend on each other.
 */
public final class CompactRanksBuild {
  private CompactRanksBuild() {}

  /**
   * For each built-in rank file in the directory {@code args[0]}, checks its SHA-256 and writes its
   * binary form next to it.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    for (TiktokenEncodings.RankResource resource : TiktokenEncodings.RANK_RESOURCES) {
      TiktokenModel model;
      try (InputStream in = Files.newInputStream(dir.resolve(resource.file()))) {
        model = TiktokenEncodings.readVerified(in, resource.file(), resource.sha256());
      }
      Files.write(dir.resolve(CompactRanks.binaryName(resource.file())), CompactRanks.write(model, resource.sha256()));
    }
  }
}
