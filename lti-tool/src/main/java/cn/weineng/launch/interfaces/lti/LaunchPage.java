package cn.weineng.launch.interfaces.lti;

import cn.weineng.launch.application.Launch;
import cn.weineng.policy.api.Requirement;
import cn.weineng.reports.application.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The page a launched user sees inside the LMS frame: who they are, the course, their hours and
 * verdict.
 */
@ApplicationScoped
public class LaunchPage {

  static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(
        "cn.weineng.launch.ui.messages",
        locale,
        LaunchPage.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * What the page shows beyond the standing, and how its forms reach Weineng: the teacher's points
   * (when their school circled a range), the points of the range, what waits for a reviewer, the
   * frame session's token, a notice from the last form, and the forms' base URL.
   */
  public record Frame(
      cn.weineng.evidence.application.PointStandings.View points,
      List<cn.weineng.catalogue.domain.Point> range,
      List<FramePages.Waiting> waiting,
      String token,
      FramePages.Notice notice,
      String action) {}

  public String render(Launch launch, Progress p, Locale locale) {
    return render(launch, p, new Frame(null, List.of(), List.of(), null, null, ""), locale);
  }

  /**
   * The page, with the teacher's micro-abilities when their school circled a range (each point, its
   * result, what it still needs, and the forms to select and upload) and a reviewer's queue.
   */
  public String render(Launch launch, Progress p, Frame frame, Locale locale) {
    cn.weineng.evidence.application.PointStandings.View points = frame.points();
    ResourceBundle m = bundle(locale);
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html lang=\"")
        .append(locale.toLanguageTag())
        .append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(m.getString("app.name")))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>");
    h.append("<header><span class=\"brand\">")
        .append(esc(m.getString("app.name")))
        .append("</span>");
    if (launch.contextTitle() != null) {
      h.append("<span class=\"course\">").append(esc(launch.contextTitle())).append("</span>");
    }
    if (frame.token() != null && frame.action() != null) {
      // the same page in a window of its own (a larger screen for evidence and review, or a
      // browser that limits the LMS frame): the session token goes in a form, never in a URL
      h.append("<form class=\"window\" method=\"post\" target=\"_blank\" action=\"")
          .append(esc(frame.action()))
          .append("page\">");
      hidden(h, "s", frame.token());
      h.append("<button type=\"submit\" id=\"new-window\">")
          .append(esc(m.getString("window.open")))
          .append("</button></form>");
    }
    h.append("</header><main>");
    if (frame.notice() != null) {
      h.append("<p id=\"notice\" class=\"notice ")
          .append(frame.notice().ok() ? "ok" : "error")
          .append("\" role=\"status\">")
          .append(esc(frame.notice().text()))
          .append("</p>");
    }
    String who = launch.name() != null ? launch.name() : launch.subject();
    h.append("<section class=\"card\"><h1 id=\"who\">")
        .append(esc(MessageFormat.format(m.getString("hello"), who)))
        .append("</h1>");
    h.append("<p class=\"meta\">")
        .append(esc(m.getString("role")))
        .append(esc(m.getString("colon")))
        .append(esc(role(launch, m)));
    if (launch.resourceLinkTitle() != null) {
      h.append(" · ")
          .append(esc(m.getString("activity")))
          .append(esc(m.getString("colon")))
          .append(esc(launch.resourceLinkTitle()));
    }
    h.append("</p></section>");

    if (p == null) {
      h.append("<section class=\"card\"><h2>")
          .append(esc(m.getString("progress")))
          .append("</h2><p id=\"recalculating\">")
          .append(esc(m.getString("recalculating")))
          .append("</p></section>");
      return footer(h, m);
    }
    boolean ok = p.standing().qualified();
    h.append("<section class=\"card\"><h2>").append(esc(m.getString("progress"))).append("</h2>");
    h.append("<p class=\"policy\" title=\"")
        .append(esc(p.standing().policyId()))
        .append(' ')
        .append(esc(p.standing().rulesetVersion()))
        .append("\">")
        .append(esc(m.getString("policy")))
        .append(esc(m.getString("colon")))
        .append(esc(p.policyName()))
        .append("</p>");
    h.append("<p id=\"verdict\" class=\"verdict ")
        .append(ok ? "ok" : "no")
        .append("\">")
        .append(esc(m.getString(ok ? "qualified" : "not.qualified")))
        .append("</p>");
    h.append("<table id=\"hours\"><thead><tr><th>")
        .append(esc(m.getString("bucket")))
        .append("</th><th>")
        .append(esc(m.getString("hours")))
        .append("</th></tr></thead><tbody>");
    for (Map.Entry<String, String> b : p.bucketNames().entrySet()) {
      long s = p.standing().secondsByBucket().getOrDefault(b.getKey(), 0L);
      h.append("<tr data-bucket=\"")
          .append(esc(b.getKey()))
          .append("\"><td>")
          .append(esc(b.getValue()))
          .append("</td><td>")
          .append(hours(s))
          .append("</td></tr>");
    }
    h.append("<tr class=\"total\"><td>")
        .append(esc(m.getString("total")))
        .append("</td><td id=\"total\">")
        .append(hours(p.standing().totalSeconds()))
        .append("</td></tr>");
    for (Map.Entry<String, Long> c : p.standing().counters().entrySet()) {
      h.append("<tr class=\"counter\" data-counter=\"")
          .append(esc(c.getKey()))
          .append("\"><td>")
          .append(esc(p.counterNames().getOrDefault(c.getKey(), c.getKey())))
          .append("</td><td>")
          .append(c.getValue())
          .append("</td></tr>");
    }
    p.standing()
        .credits()
        .ifPresent(
            c ->
                h.append("<tr class=\"credits\"><td>")
                    .append(esc(m.getString("credits")))
                    .append("</td><td id=\"credits\">")
                    .append(c.stripTrailingZeros().toPlainString())
                    .append("</td></tr>"));
    h.append("</tbody></table>");
    h.append("<ul class=\"reasons\">");
    for (Requirement r : p.standing().requirements()) {
      h.append("<li class=\"")
          .append(r.met() ? "met" : "unmet")
          .append("\"><span class=\"mark\">")
          .append(r.met() ? "✓" : "✗")
          .append("</span> ")
          .append(esc(r.reason().in(p.locale())))
          .append("</li>");
    }
    h.append("</ul></section>");
    task(h, launch, points, m, locale);
    if (points != null) {
      points(h, points, frame, m, locale);
    }
    if (!frame.waiting().isEmpty() && frame.token() != null) {
      review(h, frame, m);
    }
    return footer(h, m);
  }

  /** A deep-linked activity's task (custom weineng_point, weineng_task): where it stands. */
  private static void task(
      StringBuilder h,
      Launch launch,
      cn.weineng.evidence.application.PointStandings.View v,
      ResourceBundle m,
      Locale locale) {
    String code = launch.custom().get("weineng_point");
    String item = launch.custom().get("weineng_task");
    if (code == null || item == null) {
      return;
    }
    boolean zh = locale.getLanguage().equals("zh");
    h.append("<section class=\"card\" id=\"task\"><h2>")
        .append(esc(m.getString("task.title")))
        .append("</h2>");
    if (v == null) {
      h.append("<p>")
          .append(esc(MessageFormat.format(m.getString("task.noRange"), code, item)))
          .append("</p></section>");
      return;
    }
    cn.weineng.evidence.application.PointStandings.PointView point =
        v.points().stream().filter(p -> p.point().code().equals(code)).findFirst().orElse(null);
    if (point == null) {
      h.append("<p>")
          .append(esc(MessageFormat.format(m.getString("task.notSelected"), code)))
          .append("</p></section>");
      return;
    }
    for (cn.weineng.evidence.application.PointStandings.ItemView i : point.items()) {
      if (!i.spec().key().equals(item)) {
        continue;
      }
      h.append("<p><b>")
          .append(esc(code))
          .append("</b> ")
          .append(
              esc(
                  zh || point.point().nameEn() == null
                      ? point.point().name()
                      : point.point().nameEn()))
          .append(" · ")
          .append(esc(zh || i.spec().nameEn() == null ? i.spec().name() : i.spec().nameEn()))
          .append(" <span class=\"badge ")
          .append(esc(i.status().key()))
          .append("\">")
          .append(esc(m.getString("result." + i.status().key())))
          .append("</span></p>");
    }
    h.append("</section>");
  }

  private static void points(
      StringBuilder h,
      cn.weineng.evidence.application.PointStandings.View v,
      Frame frame,
      ResourceBundle m,
      Locale locale) {
    boolean zh = locale.getLanguage().equals("zh");
    h.append("<section class=\"card\" id=\"points\"><h2>")
        .append(esc(m.getString("points")))
        .append("</h2>");
    h.append("<p class=\"meta\">")
        .append(esc(m.getString("points.range")))
        .append(esc(m.getString("colon")))
        .append(esc(String.join(" ", v.range().codes())))
        .append("</p>");
    if (frame.token() != null && !frame.range().isEmpty()) {
      h.append("<details")
          .append(v.points().isEmpty() ? " open" : "")
          .append("><summary>")
          .append(esc(m.getString("points.choose")))
          .append("</summary><form id=\"select\" method=\"post\" action=\"")
          .append(esc(frame.action()))
          .append("select\">");
      hidden(h, "s", frame.token());
      java.util.Set<String> chosen = new java.util.HashSet<>();
      v.points().forEach(pv -> chosen.add(pv.point().code()));
      for (cn.weineng.catalogue.domain.Point pt : frame.range()) {
        h.append("<label class=\"choice\"><input type=\"checkbox\" name=\"code\" value=\"")
            .append(esc(pt.code()))
            .append("\"")
            .append(chosen.contains(pt.code()) ? " checked" : "")
            .append("> <b>")
            .append(esc(pt.code()))
            .append("</b> ")
            .append(esc(zh || pt.nameEn() == null ? pt.name() : pt.nameEn()))
            .append(" <span class=\"meta\">")
            .append(esc(m.getString("dimension." + pt.dimension())))
            .append("</span></label>");
      }
      h.append("<button type=\"submit\">")
          .append(esc(m.getString("points.save")))
          .append("</button></form></details>");
    }
    if (v.points().isEmpty()) {
      h.append("<p id=\"no-points\">").append(esc(m.getString("points.none"))).append("</p>");
    } else {
      h.append("<table id=\"point-list\"><tbody>");
      for (cn.weineng.evidence.application.PointStandings.PointView p : v.points()) {
        String result = p.result().key();
        h.append("<tr data-point=\"")
            .append(esc(p.point().code()))
            .append("\"><td><b>")
            .append(esc(p.point().code()))
            .append("</b> ")
            .append(esc(zh || p.point().nameEn() == null ? p.point().name() : p.point().nameEn()));
        List<String> needs = zh ? p.needsZh() : p.needsEn();
        if (!needs.isEmpty()) {
          h.append("<ul class=\"needs\">");
          needs.forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
          h.append("</ul>");
        }
        if (frame.token() != null && p.override() == null && !p.byDataRule()) {
          for (cn.weineng.evidence.application.PointStandings.ItemView i : p.items()) {
            if (i.status() != cn.weineng.policy.api.PointResult.MISSING
                && i.status() != cn.weineng.policy.api.PointResult.FAIL) {
              continue;
            }
            h.append(
                    "<form class=\"upload\" method=\"post\" enctype=\"multipart/form-data\" action=\"")
                .append(esc(frame.action()))
                .append("upload\">");
            hidden(h, "s", frame.token());
            hidden(h, "code", p.point().code());
            hidden(h, "item", i.spec().key());
            h.append("<label>")
                .append(esc(zh || i.spec().nameEn() == null ? i.spec().name() : i.spec().nameEn()))
                .append(" <input type=\"file\" name=\"file\" required accept=\"")
                .append(esc(String.join(",", i.spec().mediaTypes())))
                .append("\"></label>");
            if (i.spec().maxDurationSeconds() != null) {
              h.append("<label>")
                  .append(esc(m.getString("evidence.duration")))
                  .append(
                      " <input type=\"number\" name=\"durationSeconds\" required min=\"1\" max=\"")
                  .append(i.spec().maxDurationSeconds())
                  .append("\"></label>");
            }
            h.append("<button type=\"submit\">")
                .append(esc(m.getString("evidence.upload")))
                .append("</button></form>");
          }
        }
        h.append("</td><td><span class=\"badge ")
            .append(esc(result))
            .append("\">")
            .append(esc(m.getString("result." + result)))
            .append("</span></td></tr>");
      }
      h.append("</tbody></table>");
    }
    h.append("<ul class=\"reasons\">");
    for (Requirement r : v.selection()) {
      h.append("<li class=\"")
          .append(r.met() ? "met" : "unmet")
          .append("\"><span class=\"mark\">")
          .append(r.met() ? "✓" : "✗")
          .append("</span> ")
          .append(esc(r.reason().in(locale)))
          .append("</li>");
    }
    h.append("</ul></section>");
  }

  /**
   * The Deep Linking picker: every catalogue's points and their evidence items, as tasks a course
   * creator places in the course (one or several, as the platform accepts), with the hours each is
   * worth.
   */
  public String picker(
      Launch launch,
      List<FramePages.Task> tasks,
      String token,
      String action,
      FramePages.Notice notice,
      Locale locale) {
    ResourceBundle m = bundle(locale);
    boolean multiple = launch.deepLinking().acceptMultiple();
    StringBuilder h = new StringBuilder(16384);
    h.append("<!DOCTYPE html><html lang=\"")
        .append(locale.toLanguageTag())
        .append("\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(m.getString("app.name")))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body><header><span class=\"brand\">")
        .append(esc(m.getString("app.name")))
        .append("</span>");
    if (launch.contextTitle() != null) {
      h.append("<span class=\"course\">").append(esc(launch.contextTitle())).append("</span>");
    }
    h.append("</header><main>");
    if (notice != null) {
      h.append("<p id=\"notice\" class=\"notice ")
          .append(notice.ok() ? "ok" : "error")
          .append("\" role=\"status\">")
          .append(esc(notice.text()))
          .append("</p>");
    }
    h.append("<section class=\"card\" id=\"picker\"><h1>")
        .append(esc(m.getString("dl.title")))
        .append("</h1><p class=\"meta\">")
        .append(esc(m.getString(multiple ? "dl.hint.multiple" : "dl.hint.one")))
        .append("</p><form method=\"post\" action=\"")
        .append(esc(action))
        .append("deeplink\">");
    hidden(h, "s", token);
    String framework = null;
    String point = null;
    for (FramePages.Task t : tasks) {
      if (!t.frameworkId().equals(framework)) {
        if (framework != null) {
          h.append("</div></details>");
        }
        h.append("<details")
            .append(framework == null ? " open" : "")
            .append("><summary>")
            .append(esc(t.frameworkName()))
            .append("</summary><div>");
        framework = t.frameworkId();
        point = null;
      }
      if (!t.code().equals(point)) {
        h.append("<h3>")
            .append(esc(t.code()))
            .append(' ')
            .append(esc(t.pointName()))
            .append("</h3>");
        point = t.code();
      }
      h.append("<label class=\"choice\"><input type=\"")
          .append(multiple ? "checkbox" : "radio")
          .append("\" name=\"task\" value=\"")
          .append(esc(t.frameworkId() + "|" + t.code() + "|" + t.item()))
          .append("\"> ")
          .append(esc(t.itemName()))
          .append("</label>");
    }
    if (framework != null) {
      h.append("</div></details>");
    }
    h.append("<p><label>")
        .append(esc(m.getString("dl.hours")))
        .append(
            " <input type=\"number\" name=\"hours\" min=\"0\" max=\"100\" step=\"0.5\" value=\"2\"></label></p>")
        .append("<button type=\"submit\">")
        .append(esc(m.getString("dl.add")))
        .append("</button></form></section>");
    return footer(h, m);
  }

  private static void review(StringBuilder h, Frame frame, ResourceBundle m) {
    h.append("<section class=\"card\" id=\"review\"><h2>")
        .append(esc(m.getString("review.title")))
        .append("</h2>");
    String group = null;
    for (FramePages.Waiting w : frame.waiting()) {
      if (!w.group().equals(group)) {
        if (group != null) {
          h.append("</ul>");
        }
        group = w.group();
        h.append("<h3>").append(esc(group)).append("</h3><ul class=\"queue\">");
      }
      h.append("<li data-submission=\"")
          .append(esc(w.submissionId()))
          .append("\"><div><b>")
          .append(esc(w.teacher()))
          .append("</b> · ")
          .append(esc(w.code()))
          .append(' ')
          .append(esc(w.pointName()))
          .append(" · ")
          .append(esc(w.itemName()));
      if (w.attempt() > 1) {
        h.append(" <span class=\"meta\">(")
            .append(esc(java.text.MessageFormat.format(m.getString("review.attempt"), w.attempt())))
            .append(")</span>");
      }
      h.append("</div><form class=\"inline\" method=\"post\" action=\"")
          .append(esc(frame.action()))
          .append("file\">");
      hidden(h, "s", frame.token());
      hidden(h, "submission", w.submissionId());
      h.append("<button type=\"submit\">")
          .append(esc(m.getString("review.download")))
          .append("</button></form><form class=\"grade\" method=\"post\" action=\"")
          .append(esc(frame.action()))
          .append("review\">");
      hidden(h, "s", frame.token());
      hidden(h, "submission", w.submissionId());
      h.append("<select name=\"level\" required><option value=\"\">")
          .append(esc(m.getString("review.level")))
          .append("</option>");
      for (String level : List.of("excellent", "pass", "fail")) {
        h.append("<option value=\"")
            .append(level)
            .append("\">")
            .append(esc(m.getString("level." + level)))
            .append("</option>");
      }
      h.append("</select> <input type=\"text\" name=\"comment\" maxlength=\"2000\" placeholder=\"")
          .append(esc(m.getString("review.comment")))
          .append("\"> <button type=\"submit\">")
          .append(esc(m.getString("review.grade")))
          .append("</button></form></li>");
    }
    h.append("</ul></section>");
  }

  private static void hidden(StringBuilder h, String name, String value) {
    h.append("<input type=\"hidden\" name=\"")
        .append(esc(name))
        .append("\" value=\"")
        .append(esc(value))
        .append("\">");
  }

  private static String footer(StringBuilder h, ResourceBundle m) {
    return h.append("</main><footer>")
        .append(esc(m.getString("footer")))
        .append("</footer></body></html>")
        .toString();
  }

  private static String role(Launch launch, ResourceBundle m) {
    return switch (cn.weineng.launch.domain.LtiRoles.of(launch.roles())) {
      case PLATFORM_ADMIN, SCHOOL_ADMIN -> m.getString("role.admin");
      case REVIEWER -> m.getString("role.instructor");
      case TEACHER_IN_TRAINING -> m.getString("role.learner");
      default -> m.getString("role.other");
    };
  }

  private static String hours(long seconds) {
    return Progress.hoursText(seconds);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS =
      """
      *{box-sizing:border-box}body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;
      background:#f4f6f8;color:#1f2933;font-size:15px}header{display:flex;gap:1rem;align-items:baseline;padding:.8rem 1.2rem;
      background:#0b5f86;color:#fff}.brand{font-weight:700;font-size:1.1rem}form.window{margin-left:auto}form.window button{background:transparent;color:#fff;border:1px solid #ffffff88;border-radius:4px;padding:.2rem .6rem;font-size:.85rem;cursor:pointer}.course{opacity:.9}main{max-width:46rem;margin:1rem auto;padding:0 1rem}
      .card{background:#fff;border-radius:8px;padding:1rem 1.2rem;margin-bottom:1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
      h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.1rem;margin:.2rem 0 .6rem}.meta,.policy{color:#52606d;margin:.3rem 0}
      .verdict{display:inline-block;padding:.25rem .7rem;border-radius:999px;font-weight:700}.verdict.ok{background:#e3f9e5;color:#0e5814}
      .verdict.no{background:#fff3c4;color:#8d2b0b}table{width:100%;border-collapse:collapse;margin:.6rem 0}
      th,td{text-align:left;padding:.45rem .3rem;border-bottom:1px solid #e4e7eb}td:last-child,th:last-child{text-align:right}
      tr.total td{font-weight:700}.reasons{list-style:none;padding:0;margin:.4rem 0}.reasons li{margin:.3rem 0}
      .met .mark{color:#0e5814}.unmet .mark{color:#b44d12}.badge{padding:.15rem .55rem;border-radius:999px;font-size:.85rem;white-space:nowrap}
      .badge.excellent,.badge.pass{background:#e3f9e5;color:#0e5814}.badge.fail{background:#ffe3e3;color:#8a041a}
      .badge.pending{background:#e6f6ff;color:#0b5f86}.badge.missing{background:#fff3c4;color:#8d2b0b}
      .needs{margin:.3rem 0 0;padding-left:1.1rem;color:#52606d;font-size:.9rem}
      .notice{padding:.6rem .9rem;border-radius:6px}.notice.ok{background:#e3f9e5;color:#0e5814}.notice.error{background:#ffe3e3;color:#8a041a}
      .choice{display:block;margin:.2rem 0}form.upload{margin:.4rem 0;font-size:.9rem;display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
      button{background:#0b5f86;color:#fff;border:0;border-radius:4px;padding:.3rem .8rem;cursor:pointer}
      .queue{list-style:none;padding:0}.queue li{border-bottom:1px solid #e4e7eb;padding:.5rem 0}form.inline,form.grade{display:inline-block;margin:.3rem .4rem 0 0}
      h3{font-size:1rem;margin:.8rem 0 .2rem}details summary{cursor:pointer;color:#0b5f86;margin:.3rem 0}footer{text-align:center;color:#7b8794;font-size:.8rem;padding:1rem}
      """;
}
