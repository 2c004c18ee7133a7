package cn.weineng.xapi.application.internal;

import cn.weineng.xapi.application.CredentialService;
import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.infrastructure.persistence.CredentialEntity;
import cn.weineng.xapi.infrastructure.persistence.StoreEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Credentials are random: a 24-character key and a 43-character secret (256 bits). With that much
 * entropy a single SHA-256 is enough to store the secret; a slow password hash would only slow
 * ingest.
 */
@ApplicationScoped
public class DefaultCredentialService implements CredentialService {

  private static final SecureRandom RANDOM = new SecureRandom();

  @jakarta.annotation.Resource(lookup = "java:app/jdbc/weineng")
  javax.sql.DataSource dataSource;

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject
  @ConfigProperty(name = "weineng.public-url", defaultValue = "http://127.0.0.1:8080")
  String publicUrl;

  @Override
  @Transactional
  public IssuedCredential create(String storeId, String label, Set<String> scopes) {
    // kept in a fixed order, so that the same scopes read the same
    String kept = String.join(" ", LrsClient.SCOPES.stream().filter(scopes::contains).toList());
    if (kept.isEmpty() || scopes.size() != kept.split(" ").length) {
      throw new IllegalArgumentException("unknown scopes " + scopes);
    }
    String key = random(18);
    String secret = random(32);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    CredentialEntity c =
        new CredentialEntity(
            UUID.randomUUID().toString(), storeId, key, Sha256.hex(secret), label, now, kept);
    em.persist(c);
    return new IssuedCredential(c.id(), storeId, key, secret, label, now, scopesOf(kept));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CredentialInfo> list() {
    return em.createNamedQuery("Credential.all", CredentialEntity.class).getResultList().stream()
        .map(
            c ->
                new CredentialInfo(
                    c.id(),
                    c.storeId(),
                    c.apiKey(),
                    c.label(),
                    c.createdAt(),
                    c.revokedAt(),
                    scopesOf(c.scopes())))
        .toList();
  }

  @Override
  @Transactional
  public boolean revoke(String id) {
    CredentialEntity c = id == null ? null : em.find(CredentialEntity.class, id);
    if (c == null) {
      return false;
    }
    c.revoke(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
    return true;
  }

  private static Set<String> scopesOf(String column) {
    return Set.of(column.trim().split("\\s+"));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<LrsClient> authenticate(String key, String secret) {
    if (key == null || secret == null || key.length() > 64) {
      return Optional.empty();
    }
    byte[] presented = Sha256.hex(secret).getBytes(StandardCharsets.US_ASCII);
    // asked on every LRS request, on every node, so that a revocation counts at once: one
    // JDBC query on the key's unique index (through JPA it cost the request a twentieth of its
    // CPU)
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "select store_id, api_key, secret_sha256, scopes from lrs_credential"
                    + " where api_key = ? and revoked_at is null")) {
      ps.setString(1, key);
      try (java.sql.ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          if (MessageDigest.isEqual(
              presented, r.getString(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(
                new LrsClient(r.getString(1), publicUrl, r.getString(2), scopesOf(r.getString(4))));
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new jakarta.persistence.PersistenceException(e);
    }
    return Optional.empty();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean storeExists(String storeId) {
    return storeId != null && em.find(StoreEntity.class, storeId) != null;
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
