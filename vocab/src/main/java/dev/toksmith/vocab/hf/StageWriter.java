package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Writes one stage's components; what a component's writer uses for the stages nested in it. */
interface StageWriter<T> {
  void write(JsonGenerator g, T stage) throws IOException;

  /** {@code stages} as the array {@code field}. */
  default void writeList(JsonGenerator g, String field, List<? extends T> stages) throws IOException {
    g.writeArrayFieldStart(field);
    for (T stage : stages) write(g, stage);
    g.writeEndArray();
  }
}
