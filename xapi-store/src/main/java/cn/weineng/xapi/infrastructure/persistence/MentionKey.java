package cn.weineng.xapi.infrastructure.persistence;

import java.io.Serializable;
import java.util.Objects;

/** Composite key of the statement index rows: statement, mentioned identifier, role. */
public class MentionKey implements Serializable {
  private static final long serialVersionUID = 1L;
  public Long seq;
  public String value;
  public String role;

  public MentionKey() {}

  @Override
  public boolean equals(Object o) {
    return o instanceof MentionKey k
        && Objects.equals(seq, k.seq)
        && Objects.equals(value, k.value)
        && Objects.equals(role, k.role);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, value, role);
  }
}
