package cn.weineng.reports.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Course reports. CSV (RFC 4180): UTF-8 with a byte-order mark so Excel reads Chinese, CRLF line
 * ends, and cells that a spreadsheet would evaluate (starting with = + - @ or a tab) prefixed with
 * an apostrophe.
 */
@ApplicationScoped
public class ReportService {

  @Inject ProgressService progress;

  public String courseCsv(String courseId, String policyId, Locale locale) {
    List<Progress> learners = progress.forCourse(courseId, policyId, locale);
    boolean zh = "zh".equals(locale.getLanguage());
    StringBuilder out = new StringBuilder("\uFEFF");
    List<String> header = new ArrayList<>(List.of("learner_id", "name", "lti_user_id"));
    List<String> buckets =
        learners.isEmpty() ? List.of() : List.copyOf(learners.get(0).bucketNames().keySet());
    buckets.forEach(b -> header.add("hours_" + b));
    header.add("total_hours");
    List<String> counters =
        learners.isEmpty()
            ? List.of()
            : List.copyOf(learners.get(0).standing().counters().keySet());
    counters.forEach(c -> header.add("count_" + c));
    boolean credits = !learners.isEmpty() && learners.get(0).standing().credits().isPresent();
    if (credits) {
      header.add("credits");
    }
    header.addAll(List.of("qualified", "reasons"));
    row(out, header);
    for (Progress p : learners) {
      List<String> cells = new ArrayList<>();
      cells.add(p.personId());
      cells.add(p.name() == null ? "" : p.name());
      cells.add(p.ltiSubject() == null ? "" : p.ltiSubject());
      for (String b : buckets) {
        cells.add(hours(p.standing().secondsByBucket().getOrDefault(b, 0L)));
      }
      cells.add(hours(p.standing().totalSeconds()));
      for (String c : counters) {
        cells.add(String.valueOf(p.standing().counters().getOrDefault(c, 0L)));
      }
      if (credits) {
        cells.add(
            p.standing().credits().map(x -> x.stripTrailingZeros().toPlainString()).orElse(""));
      }
      cells.add(p.standing().qualified() ? (zh ? "合格" : "yes") : (zh ? "不合格" : "no"));
      cells.add(
          p.standing().requirements().stream()
              .filter(r -> !r.met())
              .map(r -> r.reason().in(locale))
              .collect(Collectors.joining(" ")));
      row(out, cells);
    }
    return out.toString();
  }

  private static String hours(long seconds) {
    return Progress.hoursText(seconds);
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0
        || !v.equals(value)) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
