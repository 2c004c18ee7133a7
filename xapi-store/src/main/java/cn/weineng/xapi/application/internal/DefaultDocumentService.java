package cn.weineng.xapi.application.internal;

import cn.weineng.xapi.application.DocumentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Documents in {@code xapi_document}, found by the digest of what names them. */
@ApplicationScoped
@Transactional
public class DefaultDocumentService implements DocumentService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Override
  public Optional<Document> find(String storeId, Key key) {
    return read(storeId, key, false);
  }

  private Optional<Document> read(String storeId, Key key, boolean lock) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select content_type, content, etag, updated_at from xapi_document"
                    + " where store_id = ? and doc_key = ?"
                    + (lock ? " for update" : ""))
            .setParameter(1, storeId)
            .setParameter(2, docKey(key))
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(r -> new Document((String) r[0], (byte[]) r[1], (String) r[2], instant(r[3])));
  }

  @Override
  public List<Listed> list(String storeId, Key scope, Instant since) {
    jakarta.persistence.Query q =
        em.createNativeQuery(
                "select doc_id, updated_at from xapi_document where store_id = ? and scope_key = ?"
                    + (since == null ? "" : " and updated_at > ?")
                    + " order by updated_at, doc_id")
            .setParameter(1, storeId)
            .setParameter(2, scopeKey(scope));
    if (since != null) {
      q.setParameter(3, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream().map(r -> new Listed((String) r[0], instant(r[1]))).toList();
  }

  @Override
  public void change(String storeId, Key key, Function<Optional<Document>, Change> decide) {
    Optional<Document> current = read(storeId, key, true);
    Change change = decide.apply(current);
    if (change instanceof Delete) {
      em.createNativeQuery("delete from xapi_document where store_id = ? and doc_key = ?")
          .setParameter(1, storeId)
          .setParameter(2, docKey(key))
          .executeUpdate();
    } else if (change instanceof Replace r) {
      // never earlier than the version it replaces, so that `since` and Last-Modified move on
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      if (current.isPresent() && !now.isAfter(current.get().updated())) {
        now = current.get().updated().plus(1, ChronoUnit.MICROS);
      }
      OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
      String etag = DocumentService.etag(r.content());
      if (current.isPresent()) {
        em.createNativeQuery(
                "update xapi_document set content_type = ?, content = ?, etag = ?, updated_at = ?"
                    + " where store_id = ? and doc_key = ?")
            .setParameter(1, r.contentType())
            .setParameter(2, r.content())
            .setParameter(3, etag)
            .setParameter(4, at)
            .setParameter(5, storeId)
            .setParameter(6, docKey(key))
            .executeUpdate();
      } else {
        em.createNativeQuery(
                "insert into xapi_document (store_id, doc_key, scope_key, kind, activity_id,"
                    + " agent_key, agent_hash, registration, doc_id, content_type, content, etag,"
                    + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .setParameter(1, storeId)
            .setParameter(2, docKey(key))
            .setParameter(3, scopeKey(key))
            .setParameter(4, key.kind().column)
            .setParameter(5, key.activityId())
            .setParameter(6, key.agentKey())
            .setParameter(7, Sha256.hex(key.agentKey()))
            .setParameter(8, key.registration())
            .setParameter(9, key.id())
            .setParameter(10, r.contentType())
            .setParameter(11, r.content())
            .setParameter(12, etag)
            .setParameter(13, at)
            .executeUpdate();
      }
    }
  }

  @Override
  public int deleteAll(String storeId, Key scope) {
    return em.createNativeQuery("delete from xapi_document where store_id = ? and scope_key = ?")
        .setParameter(1, storeId)
        .setParameter(2, scopeKey(scope))
        .executeUpdate();
  }

  static String scopeKey(Key k) {
    return Sha256.hex(
        k.kind().column
            + '\u001f'
            + k.activityId()
            + '\u001f'
            + k.agentKey()
            + '\u001f'
            + k.registration());
  }

  static String docKey(Key k) {
    return Sha256.hex(scopeKey(k) + '\u001f' + k.id());
  }

  private static Instant instant(Object o) {
    if (o instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (o instanceof java.time.ZonedDateTime t) {
      return t.toInstant();
    }
    if (o instanceof Instant t) {
      return t;
    }
    throw new IllegalStateException("unexpected timestamp type " + o.getClass());
  }
}
