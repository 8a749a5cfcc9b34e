package dev.toksmith.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Entry-name normalisation on its own; reading archives through it is tested with Corpus (vocab). */
class ContainersTest {

  @Test
  void dotComponentsAreDroppedAndDotDotTakesBackOneComponent() {
    assertEquals("a/b.txt", Containers.normalize("./a/b.txt"));
    assertEquals("", Containers.normalize("../.."));
  }
}
