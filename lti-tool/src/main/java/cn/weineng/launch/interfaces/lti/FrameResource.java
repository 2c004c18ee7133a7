package cn.weineng.launch.interfaces.lti;

import cn.weineng.common.domain.Problem;
import cn.weineng.common.interfaces.rest.Locales;
import cn.weineng.evidence.application.EvidenceService;
import cn.weineng.evidence.domain.Submission;
import cn.weineng.launch.application.FrameSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import java.util.ResourceBundle;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * The forms of the in-frame page (/lti/ui): a teacher selects points and uploads evidence, a
 * reviewer reads and grades what waits for them. Each form carries the frame session's token
 * ({@code s}); the person acting is the one the launch identified, never one named in the form. The
 * answer is the page again, with a notice of what happened or why it was refused.
 */
@Path("lti/ui")
@RequestScoped
public class FrameResource {

  @Inject FrameSessions frames;
  @Inject FramePages pages;
  @Inject EvidenceService evidence;

  /** The session's page again: what "open in a new window" shows, outside the LMS frame. */
  @POST
  @Path("page")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response page(@FormParam("s") String token) {
    FrameSessions.Opened session = session(token);
    return pages.response(session.launch(), session.personId(), token, null, 200);
  }

  @POST
  @Path("select")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response select(@FormParam("s") String token, @FormParam("code") List<String> codes) {
    FrameSessions.Opened session = session(token);
    return act(
        session,
        token,
        "notice.selected",
        () -> evidence.select(session.personId(), codes == null ? List.of() : codes, null));
  }

  @POST
  @Path("upload")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.TEXT_HTML)
  public Response upload(
      @FormDataParam("s") String token,
      @FormDataParam("code") String code,
      @FormDataParam("item") String item,
      @FormDataParam("durationSeconds") String duration,
      @FormDataParam("file") InputStream file,
      @FormDataParam("file") FormDataBodyPart part) {
    FrameSessions.Opened session = session(token);
    return act(
        session,
        token,
        "notice.uploaded",
        () ->
            evidence.submit(
                session.personId(),
                code,
                item,
                file,
                part == null || part.getMediaType() == null ? null : part.getMediaType().toString(),
                part == null || part.getContentDisposition() == null
                    ? null
                    : part.getContentDisposition().getFileName(),
                seconds(duration)));
  }

  @POST
  @Path("review")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response review(
      @FormParam("s") String token,
      @FormParam("submission") String submission,
      @FormParam("level") String level,
      @FormParam("comment") String comment) {
    FrameSessions.Opened session = session(token);
    return act(
        session,
        token,
        "notice.graded",
        () -> evidence.review(submission, session.personId(), level == null ? "" : level, comment));
  }

  @Inject cn.weineng.launch.application.DeepLinkResponses deepLinks;

  @jakarta.persistence.PersistenceContext(unitName = "weineng")
  jakarta.persistence.EntityManager em;

  /** The course creator's choice, sent back to the platform as a signed deep linking response. */
  @POST
  @Path("deeplink")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response deepLink(
      @FormParam("s") String token,
      @FormParam("task") List<String> chosen,
      @FormParam("hours") String hours) {
    FrameSessions.Opened session = session(token);
    cn.weineng.launch.application.Launch launch = session.launch();
    java.util.Locale locale = Locales.of(launch.locale());
    try {
      double h = hours == null || hours.isBlank() ? 0 : Double.parseDouble(hours.strip());
      if (!(h >= 0 && h <= 100)) {
        throw new NumberFormatException();
      }
      java.util.Map<String, FramePages.Task> known = new java.util.HashMap<>();
      pages
          .tasks(locale)
          .forEach(t -> known.put(t.frameworkId() + "|" + t.code() + "|" + t.item(), t));
      List<cn.weineng.launch.application.DeepLinkResponses.Task> tasks =
          new java.util.ArrayList<>();
      for (String c : chosen == null ? List.<String>of() : chosen) {
        FramePages.Task t = known.get(c);
        if (t == null) {
          throw new Problem(422, "unknown-task", "Unknown task", "no task " + c);
        }
        tasks.add(
            new cn.weineng.launch.application.DeepLinkResponses.Task(
                t.frameworkId(),
                t.code(),
                t.item(),
                t.code() + " " + t.pointName() + " · " + t.itemName(),
                t.pointName(),
                h));
      }
      cn.weineng.platform.domain.Platform platform =
          em.find(cn.weineng.platform.domain.Platform.class, launch.platformId());
      String jwt = deepLinks.sign(platform, launch, tasks);
      return pages.returnToPlatform(launch.deepLinking().returnUrl(), jwt, locale);
    } catch (NumberFormatException e) {
      return pages.response(
          launch,
          session.personId(),
          token,
          new FramePages.Notice(false, message(session, "dl.bad-hours")),
          422);
    } catch (Problem e) {
      return pages.response(
          launch,
          session.personId(),
          token,
          new FramePages.Notice(false, e.getMessage()),
          e.status());
    }
  }

  @POST
  @Path("file")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response file(@FormParam("s") String token, @FormParam("submission") String submission) {
    FrameSessions.Opened session = session(token);
    Submission s;
    try {
      s = evidence.submission(submission);
    } catch (Problem e) {
      return pages.response(
          session.launch(),
          session.personId(),
          token,
          new FramePages.Notice(false, e.getMessage()),
          404);
    }
    if (!evidence.mayRead(session.personId(), s)) {
      return pages.response(
          session.launch(),
          session.personId(),
          token,
          new FramePages.Notice(false, message(session, "notice.forbidden")),
          403);
    }
    if (!evidence.hasContent(s)) {
      return pages.response(
          session.launch(),
          session.personId(),
          token,
          new FramePages.Notice(false, "the file of this submission was erased"),
          410);
    }
    StreamingOutput out = o -> evidence.copyContent(s, o);
    String name = s.filename() == null ? s.item() : s.filename();
    return Response.ok(out, s.contentType())
        .header("Content-Length", s.length())
        .header(
            "Content-Disposition",
            "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"))
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .build();
  }

  /** Runs the action and answers the page with its notice; a refusal keeps its status. */
  private Response act(FrameSessions.Opened session, String token, String done, Runnable action) {
    try {
      action.run();
      return pages.response(
          session.launch(),
          session.personId(),
          token,
          new FramePages.Notice(true, message(session, done)),
          200);
    } catch (Problem e) {
      return pages.response(
          session.launch(),
          session.personId(),
          token,
          new FramePages.Notice(false, e.getMessage()),
          e.status());
    }
  }

  private FrameSessions.Opened session(String token) {
    return frames
        .find(token)
        .orElseThrow(
            () ->
                new cn.weineng.launch.application.LtiLaunchException(
                    401,
                    "frame-session-ended",
                    "This page's session has ended; open the activity again from the course."));
  }

  private static String message(FrameSessions.Opened session, String key) {
    return ResourceBundle.getBundle(
            "cn.weineng.launch.ui.messages",
            Locales.of(session.launch().locale()),
            FrameResource.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
        .getString(key);
  }

  private static Integer seconds(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      throw new Problem(422, "bad-duration", "Bad duration", "the video length is not a number");
    }
  }
}
