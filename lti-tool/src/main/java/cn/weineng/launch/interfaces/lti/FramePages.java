package cn.weineng.launch.interfaces.lti;

import cn.weineng.catalogue.application.CatalogueService;
import cn.weineng.catalogue.domain.Guide;
import cn.weineng.catalogue.domain.Point;
import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.evidence.application.EvidenceService;
import cn.weineng.evidence.application.PointStandings;
import cn.weineng.evidence.domain.Submission;
import cn.weineng.launch.application.Launch;
import cn.weineng.ledger.application.StandingService;
import cn.weineng.people.domain.Person;
import cn.weineng.platform.domain.Platform;
import cn.weineng.reports.application.Progress;
import cn.weineng.reports.application.ProgressService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the in-frame page for a launched person: their standing, their micro-abilities with the
 * forms to select points and upload evidence, and, for a reviewer, what waits for them with the
 * forms to read and grade it. Every form carries the frame session's token.
 */
@ApplicationScoped
public class FramePages {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject LaunchPage page;
  @Inject ProgressService progress;
  @Inject PointStandings pointStandings;
  @Inject StandingService standings;
  @Inject EvidenceService evidence;
  @Inject CatalogueService catalogue;
  @Inject PublicUrl publicUrl;

  /** A notice at the top of the page: what the last form did, or why it was refused. */
  public record Notice(boolean ok, String text) {}

  /** One submission waiting for the reviewer. */
  public record Waiting(
      String group,
      String submissionId,
      String teacher,
      String code,
      String pointName,
      String itemName,
      int attempt) {}

  /** A task a course creator can place: one evidence item of a point. */
  public record Task(
      String frameworkId,
      String frameworkName,
      String code,
      String pointName,
      String item,
      String itemName) {}

  /** The tasks of every catalogue, by catalogue and point. */
  public List<Task> tasks(Locale locale) {
    boolean zh = locale.getLanguage().equals("zh");
    List<Task> out = new ArrayList<>();
    List<cn.weineng.catalogue.domain.Framework> frameworks =
        new ArrayList<>(catalogue.frameworks());
    // the national catalogue first, then the regional ones
    frameworks.sort(
        java.util.Comparator.comparing(
                (cn.weineng.catalogue.domain.Framework f) ->
                    !f.id().equals(cn.weineng.catalogue.domain.Framework.NATIONAL))
            .thenComparing(cn.weineng.catalogue.domain.Framework::id));
    for (cn.weineng.catalogue.domain.Framework f : frameworks) {
      for (Point p : catalogue.points(f.id())) {
        for (Guide.EvidenceItem i : catalogue.guide(p).items()) {
          out.add(
              new Task(
                  f.id(),
                  zh ? f.name() : f.nameEn(),
                  p.code(),
                  zh || p.nameEn() == null ? p.name() : p.nameEn(),
                  i.key(),
                  zh || i.nameEn() == null ? i.name() : i.nameEn()));
        }
      }
    }
    return out;
  }

  /** The page that sends the chosen items back to the platform (Deep Linking 2.0 §4.5). */
  public Response returnToPlatform(String returnUrl, String jwt, Locale locale) {
    java.util.ResourceBundle m = LaunchPage.bundle(locale);
    String html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Weineng</title></head><body"
            + " style=\"font-family:system-ui,sans-serif;margin:2rem\"><form id=\"dl\" method=\"post\""
            + " action=\""
            + LaunchPage.esc(returnUrl)
            + "\"><input type=\"hidden\" name=\"JWT\" value=\""
            + LaunchPage.esc(jwt)
            + "\"><p>"
            + LaunchPage.esc(m.getString("dl.returning"))
            + "</p><button type=\"submit\">"
            + LaunchPage.esc(m.getString("dl.return"))
            + "</button></form><script>"
            + AUTO_SUBMIT
            + "</script></body></html>";
    return Response.ok(html)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header(
            "Content-Security-Policy",
            "default-src 'none'; script-src "
                + AUTO_SUBMIT_HASH
                + "; form-action "
                + origin(returnUrl)
                + "; frame-ancestors 'self' "
                + origin(returnUrl))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  static final String AUTO_SUBMIT = "document.getElementById('dl').submit();";
  static final String AUTO_SUBMIT_HASH = scriptHash(AUTO_SUBMIT);

  /** A Content-Security-Policy source that allows one inline script: its SHA-256 in base64. */
  static String scriptHash(String script) {
    return "'sha256-"
        + java.util.Base64.getEncoder()
            .encodeToString(sha256(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        + "'";
  }

  private static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response response(
      Launch launch, String personId, String token, Notice notice, int status) {
    Locale locale = cn.weineng.common.interfaces.rest.Locales.of(launch.locale());
    if (launch.message() instanceof cn.weineng.launch.application.LtiMessage.DeepLinkingRequest) {
      Platform platform = em.find(Platform.class, launch.platformId());
      return Response.status(status)
          .entity(
              page.picker(
                  launch, tasks(locale), token, publicUrl.base() + "/lti/ui/", notice, locale))
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .header(
              "Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'self' "
                  + origin(platform == null ? null : platform.issuer()))
          .header("Cache-Control", "no-store")
          .header("Referrer-Policy", "no-referrer")
          .build();
    }
    Progress p;
    try {
      p = progress.forPerson(personId, null, locale);
    } catch (cn.weineng.common.domain.Problem e) {
      if (e.status() != 503) {
        throw e;
      }
      p = null; // the ledger is being rebuilt: the page says so instead of showing half of it
    }
    PointStandings.View points = p == null ? null : points(personId, p.standing().policyId());
    String html =
        page.render(
            launch,
            p,
            new LaunchPage.Frame(
                points,
                points == null ? List.of() : rangePoints(points),
                waiting(personId, locale),
                token,
                notice,
                publicUrl.base() + "/lti/ui/"),
            locale);
    Platform platform = em.find(Platform.class, launch.platformId());
    return Response.status(status)
        .entity(html)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'self' "
                + origin(platform == null ? null : platform.issuer()))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  /** The teacher's micro-abilities, when their school circled a range; else none to show. */
  private PointStandings.View points(String personId, String policyId) {
    Person person = standings.person(personId);
    if (person.schoolId() == null) {
      return null;
    }
    PointStandings.View v = pointStandings.of(person, standings.policyFor(person, policyId));
    return v.range() == null ? null : v;
  }

  private List<Point> rangePoints(PointStandings.View v) {
    return catalogue.points(v.range().frameworkId()).stream()
        .filter(pt -> v.range().codes().contains(pt.code()))
        .toList();
  }

  private List<Waiting> waiting(String personId, Locale locale) {
    boolean zh = locale.getLanguage().equals("zh");
    List<Waiting> out = new ArrayList<>();
    for (EvidenceService.QueueGroup g : evidence.queue(personId)) {
      for (Submission s : g.waiting()) {
        Point point = catalogue.findPoint(s.frameworkId(), s.code()).orElse(null);
        String itemName =
            point == null
                ? s.item()
                : catalogue
                    .guide(point)
                    .item(s.item())
                    .map(i -> zh || i.nameEn() == null ? i.name() : i.nameEn())
                    .orElse(s.item());
        Person teacher = em.find(Person.class, s.personId());
        out.add(
            new Waiting(
                g.where().name(),
                s.id(),
                teacher == null || teacher.displayName() == null ? "—" : teacher.displayName(),
                s.code(),
                point == null ? "" : zh || point.nameEn() == null ? point.name() : point.nameEn(),
                itemName,
                s.attempt()));
      }
    }
    return out;
  }

  static String origin(String issuer) {
    if (issuer == null) {
      return "'none'";
    }
    try {
      URI u = URI.create(issuer);
      return u.getScheme() + "://" + u.getAuthority();
    } catch (IllegalArgumentException e) {
      return "'none'";
    }
  }
}
