package cn.weineng.admin.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The administrator who registers platforms and issues LRS credentials. Holds a PBKDF2 hash only.
 */
@Entity
@Table(name = "admin_account")
public class AdminAccount {

  @Id
  @Column(name = "username")
  private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected AdminAccount() {}

  public AdminAccount(String username, String passwordHash, OffsetDateTime now) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public void changePasswordHash(String hash, OffsetDateTime now) {
    this.passwordHash = hash;
    this.updatedAt = now;
  }
}
