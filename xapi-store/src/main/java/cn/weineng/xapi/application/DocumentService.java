package cn.weineng.xapi.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The LRS's documents (xAPI State, Activity Profile and Agent Profile resources): bytes as sent,
 * with their media type, an ETag (the SHA-1 of the bytes) and the time they last changed, per
 * store.
 */
public interface DocumentService {

  /** Which resource a document belongs to. */
  enum Kind {
    STATE("state"),
    ACTIVITY_PROFILE("activity-profile"),
    AGENT_PROFILE("agent-profile");

    public final String column;

    Kind(String column) {
      this.column = column;
    }
  }

  /**
   * What names a document: its kind, activity IRI (empty for an agent profile), agent identifier
   * (empty for an activity profile), registration (empty when none) and id. With a null id it names
   * a scope: every document of the others.
   */
  record Key(Kind kind, String activityId, String agentKey, String registration, String id) {
    public Key withId(String id) {
      return new Key(kind, activityId, agentKey, registration, id);
    }
  }

  record Document(String contentType, byte[] content, String etag, Instant updated) {}

  record Listed(String id, Instant updated) {}

  /** What a change does with the current document: keep it, replace it or delete it. */
  sealed interface Change permits Keep, Replace, Delete {}

  record Keep() implements Change {}

  record Replace(String contentType, byte[] content) implements Change {}

  record Delete() implements Change {}

  /** The ETag of a document's bytes: their SHA-1 in lowercase hex (xAPI 1.0.3 asks for it). */
  static String etag(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Optional<Document> find(String storeId, Key key);

  /** The ids in a scope changed after {@code since} (all when null), oldest change first. */
  List<Listed> list(String storeId, Key scope, Instant since);

  /**
   * Decides and applies a change to one document in one transaction, the document locked while the
   * decision is made (the current one, or empty). An exception from {@code decide} changes nothing.
   */
  void change(String storeId, Key key, Function<Optional<Document>, Change> decide);

  /** Deletes every document of a scope; how many there were. */
  int deleteAll(String storeId, Key scope);
}
