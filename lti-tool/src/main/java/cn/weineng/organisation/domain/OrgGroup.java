package cn.weineng.organisation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A class (班级) or workshop (工作坊), run by one school; its members may come from several schools
 * (Fuyu's 校际联片组班).
 */
@Entity
@Table(name = "org_group")
@NamedQuery(
    name = "OrgGroup.bySchool",
    query = "select g from OrgGroup g where g.schoolId = :school order by g.kind, g.name")
@NamedQuery(
    name = "OrgGroup.byName",
    query =
        "select g from OrgGroup g where g.schoolId = :school and g.kind = :kind and g.name = :name")
public class OrgGroup {

  public static final String CLASS = "class";
  public static final String WORKSHOP = "workshop";

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "kind", nullable = false)
  private String kind;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "school_id", nullable = false)
  private String schoolId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected OrgGroup() {}

  public OrgGroup(
      String id,
      String storeId,
      String kind,
      String name,
      String schoolId,
      OffsetDateTime createdAt) {
    this.id = id;
    this.storeId = storeId;
    this.kind = kind;
    this.name = name;
    this.schoolId = schoolId;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String storeId() {
    return storeId;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String schoolId() {
    return schoolId;
  }
}
