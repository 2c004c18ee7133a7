package cn.weineng.xapi.infrastructure.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An activity a statement mentions, by id (index row for the query filters). */
@Entity
@Table(name = "xapi_statement_activity")
@IdClass(MentionKey.class)
@AttributeOverride(name = "value", column = @Column(name = "activity_id"))
public class StatementActivityEntity extends MentionEntity {

  protected StatementActivityEntity() {}

  public StatementActivityEntity(Long seq, String storeId, String value, String role) {
    super(seq, storeId, value, role);
  }
}
