package cn.weineng.xapi.application.internal;

import cn.weineng.xapi.application.AttachmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Attachment content in {@code xapi_attachment} and its 1 MiB chunks. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DefaultAttachmentService implements AttachmentService {

  static final int CHUNK = 1 << 20;

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Override
  public StoredAttachment put(String storeId, InputStream in, String contentType, long maxBytes)
      throws IOException {
    MessageDigest sha = sha256();
    String upload = UUID.randomUUID().toString();
    byte[] buf = new byte[CHUNK];
    long length = 0;
    int n = 0;
    while (true) {
      int filled = 0;
      int r;
      while (filled < CHUNK && (r = in.read(buf, filled, CHUNK - filled)) != -1) {
        filled += r;
        if (length + filled > maxBytes) {
          // the caller's transaction rolls back the chunks written so far
          throw new AttachmentTooLargeException(maxBytes);
        }
      }
      if (filled == 0) {
        break;
      }
      sha.update(buf, 0, filled);
      length += filled;
      byte[] chunk = filled == CHUNK ? buf.clone() : java.util.Arrays.copyOf(buf, filled);
      em.createNativeQuery(
              "insert into xapi_attachment_chunk (upload_id, n, bytes) values (?, ?, ?)")
          .setParameter(1, upload)
          .setParameter(2, n++)
          .setParameter(3, chunk)
          .executeUpdate();
      if (filled < CHUNK) {
        break;
      }
    }
    String sha2 = HexFormat.of().formatHex(sha.digest());
    // locked, so that an erasure deciding whether the content is still used waits for this
    // statement, or this statement for the erasure (which then leaves no row to reuse)
    Optional<StoredAttachment> known = read(storeId, sha2, true);
    if (known.isPresent()) {
      // the same content is kept once
      em.createNativeQuery("delete from xapi_attachment_chunk where upload_id = ?")
          .setParameter(1, upload)
          .executeUpdate();
      return known.get();
    }
    em.createNativeQuery(
            "insert into xapi_attachment (store_id, sha2, upload_id, content_type, length, chunks,"
                + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, storeId)
        .setParameter(2, sha2)
        .setParameter(3, upload)
        .setParameter(4, contentType)
        .setParameter(5, length)
        .setParameter(6, n)
        .setParameter(7, OffsetDateTime.now(ZoneOffset.UTC))
        .executeUpdate();
    return new StoredAttachment(sha2, length, contentType);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<StoredAttachment> find(String storeId, String sha2) {
    return read(storeId, sha2, false);
  }

  private Optional<StoredAttachment> read(String storeId, String sha2, boolean lock) {
    List<?> rows =
        em.createNativeQuery(
                "select content_type, length from xapi_attachment where store_id = ? and sha2 = ?"
                    + (lock ? " for update" : ""))
            .setParameter(1, storeId)
            .setParameter(2, sha2)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    return Optional.of(new StoredAttachment(sha2, ((Number) row[1]).longValue(), (String) row[0]));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public void copyTo(String storeId, String sha2, OutputStream out) throws IOException {
    List<?> rows =
        em.createNativeQuery(
                "select upload_id, chunks from xapi_attachment where store_id = ? and sha2 = ?")
            .setParameter(1, storeId)
            .setParameter(2, sha2)
            .getResultList();
    if (rows.isEmpty()) {
      throw new IOException("no attachment " + sha2 + " in store " + storeId);
    }
    Object[] row = (Object[]) rows.get(0);
    String upload = (String) row[0];
    int chunks = ((Number) row[1]).intValue();
    for (int i = 0; i < chunks; i++) {
      byte[] bytes =
          (byte[])
              em.createNativeQuery(
                      "select bytes from xapi_attachment_chunk where upload_id = ? and n = ?")
                  .setParameter(1, upload)
                  .setParameter(2, i)
                  .getSingleResult();
      out.write(bytes);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
