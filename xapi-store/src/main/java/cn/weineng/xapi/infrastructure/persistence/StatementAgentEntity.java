package cn.weineng.xapi.infrastructure.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * An agent or identified group a statement mentions, by identifier (index row for the query
 * filters).
 */
@Entity
@Table(name = "xapi_statement_agent")
@IdClass(MentionKey.class)
@AttributeOverride(name = "value", column = @Column(name = "ifi"))
public class StatementAgentEntity extends MentionEntity {

  protected StatementAgentEntity() {}

  public StatementAgentEntity(Long seq, String storeId, String value, String role) {
    super(seq, storeId, value, role);
  }
}
