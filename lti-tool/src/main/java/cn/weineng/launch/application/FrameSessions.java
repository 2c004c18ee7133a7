package cn.weineng.launch.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The in-frame session: a launch opens one, and the page's forms carry its token (a hidden field,
 * never a URL or a cookie, so another site cannot make the browser send it) to act as the launched
 * person for {@link #LIFETIME}. The database keeps only the token's SHA-256, so any node can serve
 * the next form and a copy of the table opens nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class FrameSessions {

  /** How long the page's forms work after the launch: a working session in a course. */
  public static final Duration LIFETIME = Duration.ofHours(2);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  /** A session: who, in which store, and the launch as the page shows it. */
  public record Opened(String personId, String storeId, Launch launch) {}

  /** Opens a session for a launch and returns its token. */
  public String open(Launch launch, String personId, String storeId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    // what the page shows; of the custom parameters only Weineng's own task (weineng_*) is kept,
    // and the sourced id stays out
    java.util.Map<String, String> task = new java.util.TreeMap<>();
    launch
        .custom()
        .forEach(
            (k, v) -> {
              if (k.startsWith("weineng_") && v != null && v.length() <= 100) {
                task.put(k, v);
              }
            });
    Launch shown =
        new Launch(
            launch.platformId(),
            launch.issuer(),
            launch.deploymentId(),
            launch.subject(),
            launch.name(),
            launch.roles(),
            launch.resourceLinkId(),
            launch.resourceLinkTitle(),
            launch.contextId(),
            launch.contextTitle(),
            launch.contextLabel(),
            launch.locale(),
            launch.targetLinkUri(),
            launch.productFamily(),
            task,
            null,
            launch.deepLinking(),
            null,
            null);
    try {
      em.createNativeQuery(
              "insert into frame_session (token_sha256, person_id, store_id, platform_id, launch,"
                  + " expires_at) values (?, ?, ?, ?, ?, ?)")
          .setParameter(1, sha256(token))
          .setParameter(2, personId)
          .setParameter(3, storeId)
          .setParameter(4, launch.platformId())
          .setParameter(5, JSON.writeValueAsString(shown))
          .setParameter(6, OffsetDateTime.now(ZoneOffset.UTC).plus(LIFETIME))
          .executeUpdate();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return token;
  }

  /** The live session a token names, if any. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Opened> find(String token) {
    if (token == null || token.length() != 43 || !token.matches("[A-Za-z0-9_-]+")) {
      return Optional.empty();
    }
    List<?> rows =
        em.createNativeQuery(
                "select person_id, store_id, launch from frame_session"
                    + " where token_sha256 = ? and expires_at > ?")
            .setParameter(1, sha256(token))
            .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    try {
      return Optional.of(
          new Opened(
              (String) row[0], (String) row[1], JSON.readValue((String) row[2], Launch.class)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Deletes expired sessions; returns how many. */
  public int purgeExpired() {
    return em.createNativeQuery("delete from frame_session where expires_at <= ?")
        .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
        .executeUpdate();
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
