package cn.weineng.xapi.application;

import cn.weineng.xapi.domain.XapiVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The Statement API, in-process. Every method is scoped to the client's store. */
public interface StatementService {

  /**
   * Stores a batch atomically: every statement is validated first, and one invalid or conflicting
   * statement rejects the whole batch with nothing written.
   *
   * @return the statement ids, in batch order
   * @throws cn.weineng.xapi.domain.XapiException 400 with every violation, 409 on an id already
   *     stored with different content
   */
  default List<String> store(LrsClient client, List<JsonNode> statements, XapiVersion version) {
    return store(client, statements, version, java.util.Map.of());
  }

  /**
   * Stores a batch with the content of its attachments (the parts of a multipart/mixed request, by
   * their SHA-256 hash): an attachment without a {@code fileUrl} needs its content here, a content
   * no attachment names is refused, a signature attachment must verify; the content is kept in the
   * attachment store in the same transaction.
   */
  List<String> store(
      LrsClient client,
      List<JsonNode> statements,
      XapiVersion version,
      java.util.Map<String, AttachmentContent> content);

  /** The content of one attachment, as a part of the request carried it. */
  record AttachmentContent(String contentType, byte[] bytes) {}

  /**
   * A statement by id; voided statements are found only with {@code voided} true, and only they.
   */
  Optional<JsonNode> find(String storeId, String statementId, boolean voided);

  /** A filtered page of statements, voided ones excluded. */
  StatementPage query(String storeId, StatementQuery query);

  /**
   * An in-process cursor over a store in stored order: up to {@code limit} statements that are not
   * voided, after storage position {@code afterSeq} (0 for the start). Replaying a store through
   * this reads exactly what live ingestion saw, less what was voided since.
   */
  List<StoredStatement> readInStoredOrder(String storeId, long afterSeq, int limit);

  /**
   * The storage positions of statements of a store, by statement id; ids the store does not hold
   * are left out. Lets a reader keyed by position (the ledger) find what a voiding statement names.
   */
  java.util.Map<String, Long> positionsOf(
      String storeId, java.util.Collection<String> statementIds);
}
