package cn.weineng.launch.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A nonce of an accepted id_token; its primary key makes a second acceptance impossible. */
@Entity
@Table(name = "lti_used_nonce")
@IdClass(UsedNonce.Key.class)
public class UsedNonce {

  @Id
  @Column(name = "platform_id")
  private String platformId;

  @Id
  @Column(name = "nonce")
  private String nonce;

  @Column(name = "used_at", nullable = false)
  private OffsetDateTime usedAt;

  protected UsedNonce() {}

  public UsedNonce(String platformId, String nonce, OffsetDateTime usedAt) {
    this.platformId = platformId;
    this.nonce = nonce;
    this.usedAt = usedAt;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String platformId;
    public String nonce;

    public Key() {}

    public Key(String platformId, String nonce) {
      this.platformId = platformId;
      this.nonce = nonce;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(platformId, k.platformId)
          && Objects.equals(nonce, k.nonce);
    }

    @Override
    public int hashCode() {
      return Objects.hash(platformId, nonce);
    }
  }
}
