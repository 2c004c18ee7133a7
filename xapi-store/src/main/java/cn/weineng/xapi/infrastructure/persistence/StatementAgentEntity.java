package cn.weineng.xapi.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * An agent or identified group a statement mentions, by identifier (index row for the query
 * filters).
 */
@Entity
@Table(name = "xapi_statement_agent")
@IdClass(MentionKey.class)
public class StatementAgentEntity {

  @Id
  @Column(name = "statement_seq")
  private Long seq;

  @Id
  @Column(name = "ifi")
  private String value;

  @Id
  @Column(name = "role")
  private String role;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  protected StatementAgentEntity() {}

  public StatementAgentEntity(Long seq, String storeId, String value, String role) {
    this.seq = seq;
    this.storeId = storeId;
    this.value = value;
    this.role = role;
  }
}
