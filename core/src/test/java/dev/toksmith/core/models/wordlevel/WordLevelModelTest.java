package dev.toksmith.core.models.wordlevel;

import static dev.toksmith.core.models.ReferenceModels.assertBothFail;
import static dev.toksmith.core.models.ReferenceModels.assertSameAsReference;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WordLevel against Hugging Face's. */
class WordLevelModelTest {
  @Test
  void wholePiecesOrTheUnknownToken() {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    vocab.put("<unk>", 0);
    vocab.put("hello", 1);
    vocab.put("😀", 2);
    vocab.put("hello world", 3);
    String json = "{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0,\"hello\":1,\"😀\":2,\"hello world\":3},\"unk_token\":\"<unk>\"}";
    assertSameAsReference(new WordLevelModel(vocab, "<unk>"), json, List.of("hello", "hello world", "😀", "😀😀", "x", "", "<unk>", "Hello"));
    WordLevelModel missingUnknown = new WordLevelModel(vocab, "[UNK]");
    String missingJson = json.replace("\"unk_token\":\"<unk>\"", "\"unk_token\":\"[UNK]\"");
    assertSameAsReference(missingUnknown, missingJson, List.of("hello"));
    assertBothFail(missingUnknown, missingJson, "x");
  }
}
