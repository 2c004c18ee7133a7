package cn.weineng.policy.api.rules;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * School years and semesters. A school year starts on {@code schoolYearStart} (default 09-01) and
 * is named by its two calendar years ({@code 2021-2022}); its fall semester ({@code 2021-fall},
 * 秋季学期) runs to the day before {@code springStart} (default 02-01), its spring semester ({@code
 * 2022-spring}, 春季学期) from then to the end of the school year.
 */
public record Calendar(MonthDay schoolYearStart, MonthDay springStart) {

  /** A named period: first and last day inclusive. */
  public record Period(String key, String kind, LocalDate start, LocalDate end) {
    public boolean contains(LocalDate d) {
      return !d.isBefore(start) && !d.isAfter(end);
    }
  }

  /** The calendar year in which the school year containing {@code d} starts. */
  public int schoolYearOf(LocalDate d) {
    LocalDate start = schoolYearStart.atYear(d.getYear());
    return d.isBefore(start) ? d.getYear() - 1 : d.getYear();
  }

  public Period schoolYear(int startYear) {
    LocalDate start = schoolYearStart.atYear(startYear);
    return new Period(
        startYear + "-" + (startYear + 1),
        "school-year",
        start,
        schoolYearStart.atYear(startYear + 1).minusDays(1));
  }

  public Period schoolYearContaining(LocalDate d) {
    return schoolYear(schoolYearOf(d));
  }

  public Period semesterContaining(LocalDate d) {
    int y = schoolYearOf(d);
    LocalDate spring = springStart.atYear(y + 1);
    if (d.isBefore(spring)) {
      return new Period(y + "-fall", "semester", schoolYearStart.atYear(y), spring.minusDays(1));
    }
    return new Period(
        (y + 1) + "-spring", "semester", spring, schoolYearStart.atYear(y + 1).minusDays(1));
  }

  /** The semester after {@code p}. */
  public Period nextSemester(Period p) {
    return semesterContaining(p.end().plusDays(1));
  }
}
