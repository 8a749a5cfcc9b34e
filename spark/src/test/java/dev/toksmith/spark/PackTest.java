package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small files share a counting task, as Spark packs them; large splits and Parquet splits have one each; the order is kept. */
class PackTest {
  private static final long MB = 1 << 20;

  @Test
  void smallFilesShareATaskAndLargeSplitsHaveTheirOwn() {
    List<InputSplit> splits = new ArrayList<>();
    for (int i = 0; i < 100; i++) splits.add(file("small-" + i, 20_000));
    splits.add(file("large", 128 * MB));
    splits.add(new InputSplit(InputSplit.Kind.PARQUET_ROW_GROUPS, "p", "p", 0, 3, 0));
    for (int i = 0; i < 3; i++) splits.add(file("tail-" + i, 1000));
    List<List<InputSplit>> packs = Inputs.pack(splits, s -> s, 128 * MB, 2);
    // Each small file weighs 4 MB to open and its bytes: 31 of them fill 128 MB.
    assertEquals(List.of(31, 31, 31, 7, 1, 1, 3), packs.stream().map(List::size).toList());
    assertEquals(splits, packs.stream().flatMap(List::stream).toList());
  }

  @Test
  void fewerBytesThanCoresTimesTheSplitSizeMakeSmallerTasks() {
    List<InputSplit> splits = new ArrayList<>();
    for (int i = 0; i < 40; i++) splits.add(file("f" + i, 100_000));
    // 40 x 4.1 MB over 4 cores: about 41 MB a task.
    assertEquals(List.of(10, 10, 10, 10), Inputs.pack(splits, s -> s, 128 * MB, 4).stream().map(List::size).toList());
    assertEquals(40, Inputs.pack(splits, s -> s, 1 * MB, 4).size(), "a split size below the cost of opening a file: a task each");
  }

  private static InputSplit file(String name, long bytes) {
    return new InputSplit(InputSplit.Kind.WHOLE_FILE, name, name, 0, bytes, -1);
  }
}
