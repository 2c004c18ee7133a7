package cn.weineng.catalogue.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One micro-ability point of a catalogue: its code, name, environment and dimension, whether a
 * primary source confirms it, and its submission guide (evidence items, rubric, data rule) as JSON.
 */
@Entity
@Table(name = "ma_point")
@IdClass(Point.Key.class)
@NamedQuery(
    name = "Point.ofFramework",
    query = "select p from Point p where p.frameworkId = :framework order by p.position")
public class Point {

  /** The IRI naming a point in statements and in CASE: stable across installations. */
  public static String iri(String frameworkId, String code) {
    return "https://w3id.org/weineng/micro-abilities/" + frameworkId + "/" + code;
  }

  @Id
  @Column(name = "framework_id")
  private String frameworkId;

  @Id
  @Column(name = "code")
  private String code;

  @Column(name = "position", nullable = false)
  private int position;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "name_en")
  private String nameEn;

  @Column(name = "environment", nullable = false)
  private String environment;

  @Column(name = "dimension", nullable = false)
  private String dimension;

  @Column(name = "verified", nullable = false)
  private boolean verified;

  @Column(name = "source")
  private String source;

  @Column(name = "related_code")
  private String relatedCode;

  @Column(name = "guide", nullable = false)
  private String guide;

  @Column(name = "corrected_at")
  private OffsetDateTime correctedAt;

  protected Point() {}

  public Point(String frameworkId, String code, int position) {
    this.frameworkId = frameworkId;
    this.code = code;
    this.position = position;
  }

  /** Sets everything but the code: loading, and an admin's correction from a primary copy. */
  public void describe(
      String name,
      String nameEn,
      String environment,
      String dimension,
      boolean verified,
      String source,
      String relatedCode,
      String guide) {
    this.name = name;
    this.nameEn = nameEn;
    this.environment = environment;
    this.dimension = dimension;
    this.verified = verified;
    this.source = source;
    this.relatedCode = relatedCode;
    this.guide = guide;
  }

  public void corrected(OffsetDateTime at) {
    this.correctedAt = at;
  }

  public String frameworkId() {
    return frameworkId;
  }

  public String code() {
    return code;
  }

  public int position() {
    return position;
  }

  public String name() {
    return name;
  }

  public String nameEn() {
    return nameEn;
  }

  public String environment() {
    return environment;
  }

  public String dimension() {
    return dimension;
  }

  public boolean verified() {
    return verified;
  }

  public String source() {
    return source;
  }

  public String relatedCode() {
    return relatedCode;
  }

  /** The submission guide as JSON text: {@code {"evidence": [...], "dataRule": {...}}}. */
  public String guide() {
    return guide;
  }

  public String iri() {
    return iri(frameworkId, code);
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String frameworkId;
    private String code;

    public Key() {}

    public Key(String frameworkId, String code) {
      this.frameworkId = frameworkId;
      this.code = code;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(k.frameworkId, frameworkId)
          && Objects.equals(k.code, code);
    }

    @Override
    public int hashCode() {
      return Objects.hash(frameworkId, code);
    }
  }
}
