package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.vocab.TokenizerFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one stage's components; what a component that nests stages of its own kind (a Sequence) is
 * given, so that it reaches the registry without naming it.
 */
interface StageReader<T> {
  T read(JsonPath o) throws TokenizerFormatException;

  /** The array {@code field} of {@code o}, each element read as a stage of this kind. */
  default List<T> readList(JsonPath o, String field) throws TokenizerFormatException {
    JsonNode list = o.array(field);
    List<T> stages = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) stages.add(read(JsonPath.object(list.get(i), o.child(field) + "[" + i + "]")));
    return stages;
  }
}
