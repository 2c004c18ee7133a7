package cn.weineng.policy.api;

import java.util.List;
import java.util.Objects;

/**
 * What a policy may judge an organisation unit by (a school, a county, a city): its schools and, in
 * each, its classes (班级) and workshops (工作坊) with their sizes and the 学科 of their teacher members.
 * Opaque ids and group names only; never a person.
 */
public final class OrganisationFacts {

  private final String unitId;
  private final String level;
  private final List<School> schools;

  private OrganisationFacts(String unitId, String level, List<School> schools) {
    this.unitId = Objects.requireNonNull(unitId);
    this.level = Objects.requireNonNull(level);
    this.schools = List.copyOf(schools);
  }

  /**
   * @param level {@code province}, {@code city}, {@code county} or {@code school}
   */
  public static OrganisationFacts of(String unitId, String level, List<School> schools) {
    return new OrganisationFacts(unitId, level, schools);
  }

  public String unitId() {
    return unitId;
  }

  public String level() {
    return level;
  }

  public List<School> schools() {
    return schools;
  }

  /** A school and the groups it runs (a joint class is listed under the school that runs it). */
  public static final class School {
    private final String schoolId;
    private final String name;
    private final List<Group> groups;

    private School(String schoolId, String name, List<Group> groups) {
      this.schoolId = Objects.requireNonNull(schoolId);
      this.name = name == null ? schoolId : name;
      this.groups = List.copyOf(groups);
    }

    public static School of(String schoolId, String name, List<Group> groups) {
      return new School(schoolId, name, groups);
    }

    public String schoolId() {
      return schoolId;
    }

    /** The school's name (an organisation's name, not personal data). */
    public String name() {
      return name;
    }

    public List<Group> groups() {
      return groups;
    }
  }

  /** A class or workshop. */
  public static final class Group {
    private final String groupId;
    private final String kind;
    private final String name;
    private final int teacherCount;
    private final List<String> teacherSubjects;
    private final int schoolCount;

    private Group(
        String groupId,
        String kind,
        String name,
        int teacherCount,
        List<String> teacherSubjects,
        int schoolCount) {
      this.groupId = Objects.requireNonNull(groupId);
      this.kind = Objects.requireNonNull(kind);
      this.name = name == null ? groupId : name;
      this.teacherCount = teacherCount;
      this.teacherSubjects = List.copyOf(teacherSubjects);
      this.schoolCount = schoolCount;
    }

    /**
     * @param kind {@code class} or {@code workshop}
     * @param teacherCount members with the teacher role (trainees)
     * @param teacherSubjects the 学科 of each teacher member that has one
     * @param schoolCount how many schools its teacher members come from (more than one: 联片组班)
     */
    public static Group of(
        String groupId,
        String kind,
        String name,
        int teacherCount,
        List<String> teacherSubjects,
        int schoolCount) {
      return new Group(groupId, kind, name, teacherCount, teacherSubjects, schoolCount);
    }

    public String groupId() {
      return groupId;
    }

    public String kind() {
      return kind;
    }

    public String name() {
      return name;
    }

    public int teacherCount() {
      return teacherCount;
    }

    public List<String> teacherSubjects() {
      return teacherSubjects;
    }

    public int schoolCount() {
      return schoolCount;
    }
  }
}
