package cn.weineng.xapi.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An activity a statement mentions, by id (index row for the query filters). */
@Entity
@Table(name = "xapi_statement_activity")
@IdClass(MentionKey.class)
public class StatementActivityEntity {

  @Id
  @Column(name = "statement_seq")
  private Long seq;

  @Id
  @Column(name = "activity_id")
  private String value;

  @Id
  @Column(name = "role")
  private String role;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  protected StatementActivityEntity() {}

  public StatementActivityEntity(Long seq, String storeId, String value, String role) {
    this.seq = seq;
    this.storeId = storeId;
    this.value = value;
    this.role = role;
  }
}
