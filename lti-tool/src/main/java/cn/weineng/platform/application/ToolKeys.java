package cn.weineng.platform.application;

import cn.weineng.platform.domain.ToolKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The tool's RSA signing keys. Created on first start and kept in the database, so every node signs
 * with and publishes the same keys. The public halves are served at /lti/jwks.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ToolKeys {

  private static final Logger LOG = Logger.getLogger(ToolKeys.class.getName());

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  private volatile List<RSAKey> keys = List.of();

  @jakarta.inject.Inject ToolSecrets secrets;
  @jakarta.inject.Inject cn.weineng.common.infrastructure.SecretsKey secretsKey;

  @PostConstruct
  void load() {
    // keys stored in clear by an earlier version are sealed now, every one, live or retired
    for (ToolKey k : em.createQuery("select k from ToolKey k", ToolKey.class).getResultList()) {
      if (!cn.weineng.common.infrastructure.SecretsKey.isSealed(k.privateJwk())) {
        k.sealedAs(secretsKey.seal(k.privateJwk(), "lti_tool_key:" + k.kid()));
        LOG.info(() -> "sealed the tool key " + k.kid() + " under the secrets key");
      }
    }
    List<ToolKey> active = em.createNamedQuery("ToolKey.active", ToolKey.class).getResultList();
    if (active.isEmpty()) {
      try {
        RSAKey key =
            new RSAKeyGenerator(2048)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        ToolKey row = new ToolKey(key.getKeyID(), seal(key), OffsetDateTime.now(ZoneOffset.UTC));
        em.persist(row);
        active = List.of(row);
        LOG.info(() -> "generated the tool's signing key " + key.getKeyID());
      } catch (JOSEException e) {
        throw new IllegalStateException("could not generate the tool's signing key", e);
      }
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    use(active.stream().filter(k -> k.liveAt(now)).map(this::parse).toList());
  }

  /** Every node re-reads the keys each minute, so a rotation made on one reaches all. */
  @jakarta.ejb.Schedule(hour = "*", minute = "*", persistent = false)
  void refresh() {
    List<ToolKey> active = em.createNamedQuery("ToolKey.active", ToolKey.class).getResultList();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<RSAKey> live = active.stream().filter(k -> k.liveAt(now)).map(this::parse).toList();
    if (!live.isEmpty()) {
      use(live);
    }
  }

  /** The outcome of a rotation: the new key, and until when the earlier ones stay published. */
  public record Rotation(String kid, List<String> previous, OffsetDateTime previousRetireAt) {}

  /**
   * Rotates the signing key: a new key signs from now on; the earlier live keys stay published for
   * {@code overlap} (platforms cache the tool's JWKS), then are retired.
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRED)
  public Rotation rotate(java.time.Duration overlap) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime retire = now.plus(overlap);
    List<String> previous = new java.util.ArrayList<>();
    for (ToolKey k : em.createNamedQuery("ToolKey.active", ToolKey.class).getResultList()) {
      if (k.liveAt(now)) {
        k.retireAt(retire);
        previous.add(k.kid());
      }
    }
    RSAKey key;
    try {
      key =
          new RSAKeyGenerator(2048)
              .keyID(UUID.randomUUID().toString())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate a signing key", e);
    }
    em.persist(new ToolKey(key.getKeyID(), seal(key), now));
    em.flush();
    List<ToolKey> active = em.createNamedQuery("ToolKey.active", ToolKey.class).getResultList();
    use(active.stream().filter(k -> k.liveAt(now)).map(this::parse).toList());
    LOG.info(() -> "rotated the tool's signing key to " + key.getKeyID());
    return new Rotation(key.getKeyID(), previous, retire);
  }

  /** The private JWK sealed under the secrets key, bound to its kid. */
  private String seal(RSAKey key) {
    return secretsKey.seal(key.toJSONString(), "lti_tool_key:" + key.getKeyID());
  }

  private RSAKey parse(ToolKey k) {
    try {
      String jwk =
          cn.weineng.common.infrastructure.SecretsKey.isSealed(k.privateJwk())
              ? secretsKey.open(k.privateJwk(), "lti_tool_key:" + k.kid())
              : k.privateJwk();
      return RSAKey.parse(jwk);
    } catch (ParseException e) {
      throw new IllegalStateException("stored tool key " + k.kid() + " is not a JWK", e);
    }
  }

  /** The public JWK set, as served at /lti/jwks. */
  public Map<String, Object> publicJwks() {
    return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
        .toJSONObject(true);
  }

  private void use(List<RSAKey> live) {
    secrets.use(live.stream().map(k -> k.getPrivateExponent().decode()).toList());
    keys = live;
  }

  /** The newest active key, for signing (deep-linking responses, service-token assertions). */
  public RSAKey signingKey() {
    return keys.get(0);
  }
}
