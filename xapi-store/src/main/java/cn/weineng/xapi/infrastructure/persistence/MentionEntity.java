package cn.weineng.xapi.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * An index row: something a statement mentions ({@code value}: an agent identifier or an activity
 * id) and in which role. Subclasses name the table and the value's column.
 */
@MappedSuperclass
public abstract class MentionEntity {

  @Id
  @Column(name = "statement_seq")
  private Long seq;

  @Id private String value;

  @Id
  @Column(name = "role")
  private String role;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  protected MentionEntity() {}

  protected MentionEntity(Long seq, String storeId, String value, String role) {
    this.seq = seq;
    this.storeId = storeId;
    this.value = value;
    this.role = role;
  }
}
