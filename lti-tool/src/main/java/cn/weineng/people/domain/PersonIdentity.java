package cn.weineng.people.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One identifier (an xAPI agent identifier such as {@code account:<iss>|<sub>}) a person is known
 * by.
 */
@Entity
@Table(name = "person_identity")
@IdClass(PersonIdentity.Key.class)
public class PersonIdentity {

  @Id
  @Column(name = "store_id")
  private String storeId;

  @Id
  @Column(name = "ifi")
  private String ifi;

  @Column(name = "person_id", nullable = false)
  private String personId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected PersonIdentity() {}

  public PersonIdentity(String storeId, String ifi, String personId, OffsetDateTime createdAt) {
    this.storeId = storeId;
    this.ifi = ifi;
    this.personId = personId;
    this.createdAt = createdAt;
  }

  public String personId() {
    return personId;
  }

  public String ifi() {
    return ifi;
  }

  /** Moves the identity to another person (linking, unlinking). */
  public void belongTo(String personId) {
    this.personId = personId;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String storeId;
    public String ifi;

    public Key() {}

    public Key(String storeId, String ifi) {
      this.storeId = storeId;
      this.ifi = ifi;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(storeId, k.storeId) && Objects.equals(ifi, k.ifi);
    }

    @Override
    public int hashCode() {
      return Objects.hash(storeId, ifi);
    }
  }
}
