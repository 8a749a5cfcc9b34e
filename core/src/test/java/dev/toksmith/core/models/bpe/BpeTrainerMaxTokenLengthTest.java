package dev.toksmith.core.models.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTrainerMaxTokenLengthTest {
  private static BpeTrainer.Result train(int maxTokenLength) {
    BpeTrainer.Words words = new BpeTrainer.Words();
    words.add("abc".codePoints().toArray(), 3, 2);
    return new BpeTrainer(100, 0, List.of(), List.of(), maxTokenLength).train(words, (done, total) -> {});
  }

  @Test
  void aPairThatWouldBeTooLongIsNeverMerged() {
    // a=0 b=1 c=2. (a,b) and (b,c) both count 2; (a,b) has the smaller ids and makes ab=3. The new
    // pair (ab,c) would be 3 symbols long, so it never gains a count; (b,c) lost its count to the merge.
    BpeTrainer.Result r = train(2);
    assertEquals(List.of(new BpeModel.Merge(0, 1, 3)), r.merges());
    assertEquals(4, r.vocab().size());
  }

  @Test
  void aPairAsLongAsTheMaximumIsMerged() {
    BpeTrainer.Result r = train(3);
    assertEquals(List.of(new BpeModel.Merge(0, 1, 3), new BpeModel.Merge(3, 2, 4)), r.merges());
    assertEquals(4, r.vocab().getInt("abc"));
  }
}
