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

  @PostConstruct
  void load() {
    List<ToolKey> active = em.createNamedQuery("ToolKey.active", ToolKey.class).getResultList();
    if (active.isEmpty()) {
      try {
        RSAKey key =
            new RSAKeyGenerator(2048)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        ToolKey row =
            new ToolKey(key.getKeyID(), key.toJSONString(), OffsetDateTime.now(ZoneOffset.UTC));
        em.persist(row);
        active = List.of(row);
        LOG.info(() -> "generated the tool's signing key " + key.getKeyID());
      } catch (JOSEException e) {
        throw new IllegalStateException("could not generate the tool's signing key", e);
      }
    }
    keys = active.stream().map(ToolKeys::parse).toList();
  }

  private static RSAKey parse(ToolKey k) {
    try {
      return RSAKey.parse(k.privateJwk());
    } catch (ParseException e) {
      throw new IllegalStateException("stored tool key " + k.kid() + " is not a JWK", e);
    }
  }

  /** The public JWK set, as served at /lti/jwks. */
  public Map<String, Object> publicJwks() {
    return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
        .toJSONObject(true);
  }

  /** The newest active key, for signing (deep-linking responses, service-token assertions). */
  public RSAKey signingKey() {
    return keys.get(0);
  }
}
