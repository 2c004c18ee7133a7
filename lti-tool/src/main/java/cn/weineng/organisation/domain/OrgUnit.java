package cn.weineng.organisation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A unit of the tree a programme runs on: a province, city, county (with their GB/T 2260 codes) or
 * school (with its 学校标识码 when known), in one store.
 */
@Entity
@Table(name = "org_unit")
@NamedQuery(
    name = "OrgUnit.children",
    query = "select u from OrgUnit u where u.parentId = :parent order by u.name, u.id")
@NamedQuery(
    name = "OrgUnit.byStore",
    query = "select u from OrgUnit u where u.storeId = :store order by u.kind, u.name, u.id")
@NamedQuery(
    name = "OrgUnit.childByName",
    query = "select u from OrgUnit u where u.parentId = :parent and u.name = :name")
public class OrgUnit {

  public static final String PROVINCE = "province";
  public static final String CITY = "city";
  public static final String COUNTY = "county";
  public static final String SCHOOL = "school";

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "kind", nullable = false)
  private String kind;

  @Column(name = "code")
  private String code;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "parent_id")
  private String parentId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected OrgUnit() {}

  public OrgUnit(
      String id,
      String storeId,
      String kind,
      String code,
      String name,
      String parentId,
      OffsetDateTime createdAt) {
    this.id = id;
    this.storeId = storeId;
    this.kind = kind;
    this.code = code;
    this.name = name;
    this.parentId = parentId;
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

  public String code() {
    return code;
  }

  public String name() {
    return name;
  }

  public String parentId() {
    return parentId;
  }

  /** The rank of a kind: province 0 … school 3. */
  public static int rank(String kind) {
    return switch (kind) {
      case PROVINCE -> 0;
      case CITY -> 1;
      case COUNTY -> 2;
      case SCHOOL -> 3;
      default -> -1;
    };
  }
}
