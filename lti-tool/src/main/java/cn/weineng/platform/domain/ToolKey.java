package cn.weineng.platform.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One of the tool's RSA signing keys, as a private JWK. Active keys are published at /lti/jwks. */
@Entity
@Table(name = "lti_tool_key")
@NamedQuery(
    name = "ToolKey.active",
    query = "select k from ToolKey k where k.active = true order by k.createdAt desc")
public class ToolKey {

  @Id
  @Column(name = "kid")
  private String kid;

  @Column(name = "private_jwk", nullable = false)
  private String privateJwk;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "active", nullable = false)
  private boolean active;

  @Column(name = "retire_at")
  private OffsetDateTime retireAt;

  protected ToolKey() {}

  public ToolKey(String kid, String privateJwk, OffsetDateTime createdAt) {
    this.kid = kid;
    this.privateJwk = privateJwk;
    this.createdAt = createdAt;
    this.active = true;
  }

  /** Replaces the stored private key by its sealed form (the same key, encrypted at rest). */
  public void sealedAs(String sealed) {
    this.privateJwk = sealed;
  }

  /** Keeps the key published until {@code at}, then retires it (a rotation's overlap window). */
  public void retireAt(OffsetDateTime at) {
    if (retireAt == null || at.isBefore(retireAt)) {
      this.retireAt = at;
    }
  }

  /** Whether the key is still published at {@code now}. */
  public boolean liveAt(OffsetDateTime now) {
    return active && (retireAt == null || retireAt.isAfter(now));
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }

  public OffsetDateTime retireAt() {
    return retireAt;
  }

  public String kid() {
    return kid;
  }

  public String privateJwk() {
    return privateJwk;
  }
}
