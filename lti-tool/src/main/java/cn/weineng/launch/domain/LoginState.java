package cn.weineng.launch.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The state and nonce of one OIDC login initiation, kept in the database (not in a session or a
 * cookie) so that the launch may land on any node and works with third-party cookies blocked. Used
 * once.
 */
@Entity
@Table(name = "lti_login_state")
public class LoginState {

  @Id
  @Column(name = "state")
  private String state;

  @Column(name = "nonce", nullable = false)
  private String nonce;

  @Column(name = "platform_id", nullable = false)
  private String platformId;

  @Column(name = "target_link_uri", nullable = false)
  private String targetLinkUri;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  protected LoginState() {}

  public LoginState(
      String state,
      String nonce,
      String platformId,
      String targetLinkUri,
      OffsetDateTime createdAt,
      OffsetDateTime expiresAt) {
    this.state = state;
    this.nonce = nonce;
    this.platformId = platformId;
    this.targetLinkUri = targetLinkUri;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public String state() {
    return state;
  }

  public String nonce() {
    return nonce;
  }

  public String platformId() {
    return platformId;
  }

  public String targetLinkUri() {
    return targetLinkUri;
  }

  public OffsetDateTime expiresAt() {
    return expiresAt;
  }
}
