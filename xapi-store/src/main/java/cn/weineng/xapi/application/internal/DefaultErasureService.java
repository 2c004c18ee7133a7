package cn.weineng.xapi.application.internal;

import cn.weineng.xapi.application.ErasureService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/** One transaction: statements and their index rows, documents, unreferenced attachments, audit. */
@ApplicationScoped
@Transactional
public class DefaultErasureService implements ErasureService {

  private static final Logger LOG = Logger.getLogger(DefaultErasureService.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 500;

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Override
  public Erasure eraseAgent(
      String storeId, String agentIdentifier, String requestedBy, String reason) {
    @SuppressWarnings("unchecked")
    List<Number> found =
        em.createNativeQuery(
                "select distinct statement_seq from xapi_statement_agent where store_id = ? and"
                    + " ifi = ?")
            .setParameter(1, storeId)
            .setParameter(2, agentIdentifier)
            .getResultList();
    List<Long> seqs = found.stream().map(Number::longValue).sorted().toList();

    // the attachments those statements refer to, before the statements go
    Set<String> sha2s = new LinkedHashSet<>();
    List<String> ids = new ArrayList<>();
    for (List<Long> chunk : chunks(seqs)) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          bind(
                  em.createNativeQuery(
                      "select statement_id, payload from xapi_statement where seq in ("
                          + marks(chunk)
                          + ")"),
                  chunk)
              .getResultList();
      for (Object[] row : rows) {
        ids.add(String.valueOf(row[0]));
        sha2s.addAll(attachmentHashes(String.valueOf(row[1])));
      }
    }
    for (List<Long> chunk : chunks(seqs)) {
      for (String table : List.of("xapi_statement_agent", "xapi_statement_activity")) {
        bind(
                em.createNativeQuery(
                    "delete from " + table + " where statement_seq in (" + marks(chunk) + ")"),
                chunk)
            .executeUpdate();
      }
      bind(
              em.createNativeQuery(
                  "delete from xapi_statement where seq in (" + marks(chunk) + ")"),
              chunk)
          .executeUpdate();
    }
    int documents =
        em.createNativeQuery("delete from xapi_document where store_id = ? and agent_hash = ?")
            .setParameter(1, storeId)
            .setParameter(2, Sha256.hex(agentIdentifier))
            .executeUpdate();
    int attachments = 0;
    for (String sha2 : sha2s) {
      // the content's row locked first: a statement storing the same content at this moment waits,
      // and finds no row to reuse once this erasure has removed it
      @SuppressWarnings("unchecked")
      List<String> uploads =
          em.createNativeQuery(
                  "select upload_id from xapi_attachment where store_id = ? and sha2 = ? for update")
              .setParameter(1, storeId)
              .setParameter(2, sha2)
              .getResultList();
      if (uploads.isEmpty()) {
        continue;
      }
      Number users =
          (Number)
              em.createNativeQuery(
                      "select count(*) from xapi_statement where store_id = ? and lower(payload) like ?")
                  .setParameter(1, storeId)
                  .setParameter(2, "%" + sha2 + "%")
                  .getSingleResult();
      if (users.longValue() > 0) {
        continue;
      }
      for (String upload : uploads) {
        em.createNativeQuery("delete from xapi_attachment_chunk where upload_id = ?")
            .setParameter(1, upload)
            .executeUpdate();
        attachments +=
            em.createNativeQuery("delete from xapi_attachment where store_id = ? and sha2 = ?")
                .setParameter(1, storeId)
                .setParameter(2, sha2)
                .executeUpdate();
      }
    }
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    em.createNativeQuery(
            "insert into lrs_erasure (id, store_id, agent_hash, requested_by, reason, statements,"
                + " documents, attachments, erased_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, id)
        .setParameter(2, storeId)
        .setParameter(3, Sha256.hex(agentIdentifier))
        .setParameter(4, requestedBy)
        .setParameter(5, reason)
        .setParameter(6, seqs.size())
        .setParameter(7, documents)
        .setParameter(8, attachments)
        .setParameter(9, now)
        .executeUpdate();
    int erasedAttachments = attachments;
    LOG.info(
        () ->
            "erasure "
                + id
                + " in store "
                + storeId
                + " by "
                + requestedBy
                + ": "
                + seqs.size()
                + " statements, "
                + documents
                + " documents, "
                + erasedAttachments
                + " attachments");
    return new Erasure(id, storeId, seqs.size(), documents, attachments, now, seqs, ids);
  }

  /** The sha2 of every attachment a statement (or its sub-statement) lists. */
  static Set<String> attachmentHashes(String payload) {
    Set<String> out = new LinkedHashSet<>();
    try {
      JsonNode s = JSON.readTree(payload);
      for (JsonNode holder : List.of(s, s.path("object"))) {
        for (JsonNode a : holder.path("attachments")) {
          if (a.hasNonNull("sha2")) {
            out.add(a.get("sha2").asText().toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    } catch (java.io.IOException e) {
      // a stored statement is always JSON
    }
    return out;
  }

  private static List<List<Long>> chunks(List<Long> all) {
    List<List<Long>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return out;
  }

  private static String marks(List<Long> chunk) {
    return String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
  }

  private static jakarta.persistence.Query bind(jakarta.persistence.Query q, List<Long> values) {
    for (int i = 0; i < values.size(); i++) {
      q.setParameter(i + 1, values.get(i));
    }
    return q;
  }
}
