package cn.weineng.organisation.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The roles of a programme, and the words an institute's spreadsheet uses for them. */
public final class Roles {

  private Roles() {}

  public static final String TEACHER = "teacher";
  public static final String WORKSHOP_LEAD = "workshop_lead";
  public static final String SUBJECT_EXPERT = "subject_expert";
  public static final String TUTOR = "tutor";
  public static final String SCHOOL_ADMIN = "school_admin";

  /** A member of the school's assessment team (校本应用考核小组), who grades evidence. */
  public static final String SCHOOL_ASSESSOR = "school_assessor";

  public static final String COUNTY_ADMIN = "county_admin";
  public static final String CITY_ADMIN = "city_admin";

  /** Roles held in a class or workshop. */
  public static final Set<String> GROUP_ROLES =
      Set.of(TEACHER, WORKSHOP_LEAD, SUBJECT_EXPERT, TUTOR);

  /** Roles held in a unit (a school, a county, a city). */
  public static final Set<String> UNIT_ROLES =
      Set.of(SCHOOL_ADMIN, SCHOOL_ASSESSOR, COUNTY_ADMIN, CITY_ADMIN);

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("教师", TEACHER),
          Map.entry("学员", TEACHER),
          Map.entry("参训教师", TEACHER),
          Map.entry("坊主", WORKSHOP_LEAD),
          Map.entry("校内坊主", WORKSHOP_LEAD),
          Map.entry("学科专家", SUBJECT_EXPERT),
          Map.entry("辅导教师", TUTOR),
          Map.entry("学校管理员", SCHOOL_ADMIN),
          Map.entry("考核组成员", SCHOOL_ASSESSOR),
          Map.entry("考核小组成员", SCHOOL_ASSESSOR),
          Map.entry("学校考核组成员", SCHOOL_ASSESSOR),
          Map.entry("县管理员", COUNTY_ADMIN),
          Map.entry("县级管理员", COUNTY_ADMIN),
          Map.entry("市管理员", CITY_ADMIN));

  /** The role a word (Chinese or the key itself) means. */
  public static Optional<String> of(String word) {
    String w = word.trim();
    String key = w.toLowerCase(Locale.ROOT);
    if (GROUP_ROLES.contains(key) || UNIT_ROLES.contains(key)) {
      return Optional.of(key);
    }
    return Optional.ofNullable(WORDS.get(w));
  }

  /** 学段 values a programme's scope may include. */
  public static final Set<String> SEGMENTS = Set.of("学前", "小学", "初中", "高中", "中职", "特殊教育", "研训机构");
}
