package cn.weineng.platform.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.common.domain.Problem.FieldError;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.platform.domain.Platform;
import cn.weineng.xapi.application.CredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Registering LTI platforms. */
@ApplicationScoped
public class PlatformService {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject CredentialService stores;
  @Inject PolicyRegistry policies;

  @Inject
  @ConfigProperty(name = "weineng.policy.default", defaultValue = "cn-national-2019")
  String defaultPolicy;

  /** What an admin submits. */
  public record Registration(
      String name,
      String issuer,
      String clientId,
      List<String> deploymentIds,
      String authUrl,
      String tokenUrl,
      String jwksUrl,
      String storeId,
      String policyId,
      String teacherIdParameter) {}

  @Transactional
  public Platform register(Registration r) {
    List<FieldError> errors = new ArrayList<>();
    url(r.issuer(), "issuer", errors, true);
    url(r.authUrl(), "authUrl", errors, true);
    url(r.jwksUrl(), "jwksUrl", errors, true);
    url(r.tokenUrl(), "tokenUrl", errors, false);
    if (r.deploymentIds() == null
        || r.deploymentIds().isEmpty()
        || r.deploymentIds().stream().anyMatch(d -> d == null || d.isBlank())) {
      errors.add(
          new FieldError("deploymentIds", "at least one non-empty deployment id is required"));
    }
    String storeId = r.storeId() == null || r.storeId().isBlank() ? "default" : r.storeId();
    if (!stores.storeExists(storeId)) {
      errors.add(new FieldError("storeId", "no store '" + storeId + "'"));
    }
    String policyId = r.policyId() == null || r.policyId().isBlank() ? defaultPolicy : r.policyId();
    if (policies.find(policyId).isEmpty()) {
      errors.add(new FieldError("policyId", "no installed policy '" + policyId + "'"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid("the registration has " + errors.size() + " problem(s)", errors);
    }
    if (!em.createNamedQuery("Platform.byIssuerAndClient", Platform.class)
        .setParameter("issuer", r.issuer())
        .setParameter("clientId", r.clientId())
        .getResultList()
        .isEmpty()) {
      throw new Problem(
          409,
          "platform-exists",
          "Platform already registered",
          "a platform with this issuer and client id is already registered");
    }
    Platform p =
        new Platform(
            UUID.randomUUID().toString(),
            r.name(),
            r.issuer(),
            r.clientId(),
            new LinkedHashSet<>(r.deploymentIds()),
            r.authUrl(),
            blankToNull(r.tokenUrl()),
            r.jwksUrl(),
            storeId,
            policyId,
            OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
    p.trustingTeacherIdParameter(blankToNull(r.teacherIdParameter()));
    em.persist(p);
    return p;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Platform> list() {
    return em.createNamedQuery("Platform.all", Platform.class).getResultList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Platform> find(String id) {
    return Optional.ofNullable(id == null ? null : em.find(Platform.class, id));
  }

  private static void url(String value, String field, List<FieldError> errors, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return;
    }
    try {
      URI u = new URI(value);
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
        errors.add(new FieldError(field, "must be an http(s) URL"));
      }
    } catch (java.net.URISyntaxException e) {
      errors.add(new FieldError(field, "must be an http(s) URL"));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
