package dev.toksmith.core.models;

/** A model whose tokens and ids are a {@link Vocabulary} table: BPE, WordPiece and WordLevel. */
public interface VocabularyModel extends Model {
  /** The vocabulary. */
  Vocabulary vocabulary();

  @Override
  default int vocabSize() {
    return vocabulary().size();
  }

  @Override
  default int idBound() {
    return vocabulary().idBound();
  }

  @Override
  default int tokenToId(String token) {
    return vocabulary().id(token);
  }

  @Override
  default String idToToken(int id) {
    return vocabulary().token(id);
  }
}
