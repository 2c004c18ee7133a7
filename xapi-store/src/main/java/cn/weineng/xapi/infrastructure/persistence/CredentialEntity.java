package cn.weineng.xapi.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A Basic-auth credential of an LRS client. Holds the SHA-256 of the secret, never the secret. */
@Entity
@Table(name = "lrs_credential")
@NamedQuery(
    name = "Credential.byKey",
    query = "select c from CredentialEntity c where c.apiKey = :key")
@NamedQuery(
    name = "Credential.all",
    query = "select c from CredentialEntity c order by c.createdAt")
public class CredentialEntity {

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "api_key", nullable = false, unique = true)
  private String apiKey;

  @Column(name = "secret_sha256", nullable = false)
  private String secretSha256;

  @Column(name = "label", nullable = false)
  private String label;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  /** xAPI scopes, space-separated. */
  @Column(name = "scopes", nullable = false)
  private String scopes = "all";

  protected CredentialEntity() {}

  public CredentialEntity(
      String id,
      String storeId,
      String apiKey,
      String secretSha256,
      String label,
      OffsetDateTime createdAt,
      String scopes) {
    this.id = id;
    this.scopes = scopes;
    this.storeId = storeId;
    this.apiKey = apiKey;
    this.secretSha256 = secretSha256;
    this.label = label;
    this.createdAt = createdAt;
  }

  public String scopes() {
    return scopes;
  }

  /** Revokes it from {@code at} on; a revoked credential stays revoked at its first time. */
  public void revoke(OffsetDateTime at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }

  public String id() {
    return id;
  }

  public String storeId() {
    return storeId;
  }

  public String apiKey() {
    return apiKey;
  }

  public String secretSha256() {
    return secretSha256;
  }

  public String label() {
    return label;
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }

  public OffsetDateTime revokedAt() {
    return revokedAt;
  }
}
