package cn.weineng.catalogue.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A micro-ability catalogue: the national 30 points, or a region's variant of them. */
@Entity
@Table(name = "ma_framework")
@NamedQuery(name = "Framework.all", query = "select f from Framework f order by f.id")
public class Framework {

  /** The national catalogue, used where a school names none. */
  public static final String NATIONAL = "national-30";

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "name_en", nullable = false)
  private String nameEn;

  @Column(name = "version", nullable = false)
  private String version;

  @Column(name = "source")
  private String source;

  @Column(name = "based_on")
  private String basedOn;

  @Column(name = "loaded_at", nullable = false)
  private OffsetDateTime loadedAt;

  protected Framework() {}

  public Framework(
      String id,
      String name,
      String nameEn,
      String version,
      String source,
      String basedOn,
      OffsetDateTime loadedAt) {
    this.id = id;
    this.name = name;
    this.nameEn = nameEn;
    this.version = version;
    this.source = source;
    this.basedOn = basedOn;
    this.loadedAt = loadedAt;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String nameEn() {
    return nameEn;
  }

  public String version() {
    return version;
  }

  public String source() {
    return source;
  }

  public OffsetDateTime loadedAt() {
    return loadedAt;
  }

  /** The catalogue this one adapts (a regional variant of the national one), or null. */
  public String basedOn() {
    return basedOn;
  }
}
