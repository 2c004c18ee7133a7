package cn.weineng.launch.domain;

import java.util.Collection;

/**
 * The one place where LIS role URIs (LTI Core 1.3 §5.3.7, Appendix A) become what Weineng does with
 * a launched person. A platform may send context roles (…/membership#Instructor), short forms
 * (Instructor), institution roles (…/institution/person#Administrator) and system roles
 * (…/system/person#Administrator); the broadest role wins.
 */
public enum LtiRoles {
  /** A system administrator of the platform. */
  PLATFORM_ADMIN,
  /** An administrator of the institution or the course (a school's or county's admin). */
  SCHOOL_ADMIN,
  /** Teaches or mentors in the course: may place tasks (Deep Linking) and, with a role, review. */
  REVIEWER,
  /** A teacher in training (a learner of the course). */
  TEACHER_IN_TRAINING,
  /** Anyone else (a guest, an observer). */
  MEMBER;

  /** What the roles of a launch make the person. */
  public static LtiRoles of(Collection<String> roles) {
    LtiRoles best = MEMBER;
    for (String r : roles) {
      LtiRoles one = one(r);
      if (one.ordinal() < best.ordinal()) {
        best = one;
      }
    }
    return best;
  }

  private static LtiRoles one(String role) {
    String r = role.strip();
    String name = r.contains("#") ? r.substring(r.indexOf('#') + 1) : r;
    boolean system = r.contains("/system/person");
    boolean institution = r.contains("/institution/person");
    if (name.equals("Administrator") || name.equals("SysAdmin")) {
      return system ? PLATFORM_ADMIN : SCHOOL_ADMIN;
    }
    if (institution && (name.equals("Faculty") || name.equals("Instructor"))) {
      return REVIEWER;
    }
    return switch (name) {
      case "Instructor", "TeachingAssistant", "Mentor", "ContentDeveloper" -> REVIEWER;
      case "Learner", "Student" -> TEACHER_IN_TRAINING;
      default -> MEMBER;
    };
  }

  /** Whether the person may place content in the course (answer a deep linking request). */
  public boolean mayPlaceContent() {
    return this == PLATFORM_ADMIN || this == SCHOOL_ADMIN || this == REVIEWER;
  }
}
