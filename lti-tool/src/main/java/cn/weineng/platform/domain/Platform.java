package cn.weineng.platform.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An LTI 1.3 platform registration: what the LMS told us about itself, keyed by (issuer, client
 * id).
 */
@Entity
@Table(name = "lti_platform")
@NamedQuery(name = "Platform.all", query = "select p from Platform p order by p.createdAt, p.id")
@NamedQuery(name = "Platform.byIssuer", query = "select p from Platform p where p.issuer = :issuer")
@NamedQuery(
    name = "Platform.byIssuerAndClient",
    query = "select p from Platform p where p.issuer = :issuer and p.clientId = :clientId")
public class Platform {

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "issuer", nullable = false)
  private String issuer;

  @Column(name = "client_id", nullable = false)
  private String clientId;

  @Column(name = "auth_url", nullable = false)
  private String authUrl;

  @Column(name = "token_url")
  private String tokenUrl;

  @Column(name = "jwks_url", nullable = false)
  private String jwksUrl;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "policy_id", nullable = false)
  private String policyId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "teacher_id_parameter")
  private String teacherIdParameter;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "lti_deployment", joinColumns = @JoinColumn(name = "platform_id"))
  @Column(name = "deployment_id")
  private Set<String> deploymentIds = new LinkedHashSet<>();

  protected Platform() {}

  public Platform(
      String id,
      String name,
      String issuer,
      String clientId,
      Set<String> deploymentIds,
      String authUrl,
      String tokenUrl,
      String jwksUrl,
      String storeId,
      String policyId,
      OffsetDateTime createdAt) {
    this.id = id;
    this.name = name;
    this.issuer = issuer;
    this.clientId = clientId;
    this.deploymentIds = new LinkedHashSet<>(deploymentIds);
    this.authUrl = authUrl;
    this.tokenUrl = tokenUrl;
    this.jwksUrl = jwksUrl;
    this.storeId = storeId;
    this.policyId = policyId;
    this.createdAt = createdAt;
  }

  /** The custom parameter trusted to carry the teacher id (工号), or null. */
  public String teacherIdParameter() {
    return teacherIdParameter;
  }

  public Platform trustingTeacherIdParameter(String name) {
    this.teacherIdParameter = name;
    return this;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  public Set<String> deploymentIds() {
    return Set.copyOf(deploymentIds);
  }

  public String authUrl() {
    return authUrl;
  }

  public String tokenUrl() {
    return tokenUrl;
  }

  public String jwksUrl() {
    return jwksUrl;
  }

  public String storeId() {
    return storeId;
  }

  public String policyId() {
    return policyId;
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }
}
