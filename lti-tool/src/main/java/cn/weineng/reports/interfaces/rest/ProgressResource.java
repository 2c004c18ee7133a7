package cn.weineng.reports.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.ProgressApi;
import cn.weineng.api.server.model.BucketHours;
import cn.weineng.api.server.model.Course;
import cn.weineng.api.server.model.LearnerProgress;
import cn.weineng.api.server.model.PolicyReason;
import cn.weineng.common.interfaces.rest.Locales;
import cn.weineng.reports.application.Progress;
import cn.weineng.reports.application.ProgressService;
import cn.weineng.reports.application.ReportService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/** /api/courses and /api/learners: progress and reports. */
@RequestScoped
@AdminApi
public class ProgressResource implements ProgressApi {

  @Inject ProgressService progress;
  @Inject ReportService reports;

  @Override
  public Response listCourses(String platformId, String contextId) {
    return Response.ok(
            progress.courses(platformId, contextId).stream()
                .map(
                    c ->
                        new Course()
                            .id(c.id())
                            .platformId(c.platformId())
                            .contextId(c.contextId())
                            .title(c.title())
                            .label(c.label())
                            .learnerCount((int) progress.learnerCount(c.id())))
                .toList())
        .build();
  }

  @Override
  public Response listCourseLearners(String courseId, String policy, String lang) {
    java.util.Map<String, String> enrolment = progress.enrolmentStatus(courseId);
    return Response.ok(
            progress.forCourse(courseId, policy, Locales.of(lang)).stream()
                .map(
                    p ->
                        toApi(p)
                            .enrolment(
                                LearnerProgress.EnrolmentEnum.fromValue(
                                    enrolment.getOrDefault(p.personId(), "active"))))
                .toList())
        .build();
  }

  @jakarta.inject.Inject cn.weineng.services.application.RosterSync roster;

  @jakarta.inject.Inject cn.weineng.services.application.HoursColumn hoursColumn;

  @Override
  public Response syncHoursColumn(String courseId) {
    cn.weineng.services.application.HoursColumn.Result r = hoursColumn.sync(courseId);
    return Response.ok(
            new cn.weineng.api.server.model.HoursColumn()
                .lineitem(r.lineitem())
                .scoreMaximum(r.scoreMaximum())
                .created(r.created())
                .queued(r.queued()))
        .build();
  }

  @Override
  public Response removeHoursColumn(String courseId) {
    hoursColumn.remove(courseId);
    return Response.noContent().build();
  }

  @Override
  public Response getHoursColumnResults(String courseId) {
    return Response.ok(
            hoursColumn.results(courseId).stream()
                .map(
                    n ->
                        new com.fasterxml.jackson.databind.ObjectMapper()
                            .convertValue(n, java.util.Map.class))
                .toList())
        .build();
  }

  @Override
  public Response syncRoster(String courseId, String rlid) {
    cn.weineng.services.application.RosterSync.Result r = roster.sync(courseId, rlid);
    return Response.ok(
            new cn.weineng.api.server.model.RosterSyncResult()
                .members(r.members())
                .added(r.added())
                .left(r.left())
                .pages(r.pages()))
        .build();
  }

  @Override
  public Response getCourseReport(String courseId, String policy, String lang) {
    String csv = reports.courseCsv(courseId, policy, Locales.of(lang));
    return Response.ok(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"course-" + courseId + ".csv\"")
        .build();
  }

  @Override
  public Response getLearnerProgress(String learnerId, String policy, String lang) {
    return Response.ok(toApi(progress.forPerson(learnerId, policy, Locales.of(lang)))).build();
  }

  static LearnerProgress toApi(Progress p) {
    return new LearnerProgress()
        .learnerId(p.personId())
        .name(p.name())
        .ltiUserId(p.ltiSubject())
        .policyId(p.standing().policyId())
        .rulesetVersion(p.standing().rulesetVersion())
        .asOf(p.asOf().atOffset(ZoneOffset.UTC))
        .hours(
            p.bucketNames().entrySet().stream()
                .map(
                    e ->
                        new BucketHours()
                            .bucket(e.getKey())
                            .name(e.getValue())
                            .hours(
                                Progress.hours(
                                    p.standing().secondsByBucket().getOrDefault(e.getKey(), 0L))))
                .toList())
        .totalHours(Progress.hours(p.standing().totalSeconds()))
        .qualified(p.standing().qualified())
        .reasons(
            p.standing().requirements().stream()
                .map(
                    r ->
                        new PolicyReason()
                            .code(r.key() + r.scope().map(x -> "@" + x).orElse(""))
                            .met(r.met())
                            .message(r.reason().in(p.locale())))
                .toList());
  }
}
