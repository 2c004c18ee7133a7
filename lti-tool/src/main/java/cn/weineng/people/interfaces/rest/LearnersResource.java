package cn.weineng.people.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.LearnersApi;
import cn.weineng.api.server.model.Identifier;
import cn.weineng.api.server.model.Learner;
import cn.weineng.api.server.model.LearnerAttributes;
import cn.weineng.api.server.model.LearnerRequest;
import cn.weineng.people.application.LearnerService;
import cn.weineng.people.application.Linking;
import cn.weineng.people.domain.Person;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** /api/learners: finding learners and the attributes the rules need. */
@RequestScoped
@AdminApi
public class LearnersResource implements LearnersApi {

  @Inject LearnerService learners;
  @Inject Linking linking;

  @Override
  public Response findLearners(String storeId, String homePage, String name, String mbox) {
    return Response.ok(
            learners.findByIdentifier(storeId, homePage, name, mbox).stream()
                .map(this::toApi)
                .toList())
        .build();
  }

  @Override
  public Response searchLearners(cn.weineng.api.server.model.LearnerSearch q) {
    return findLearners(q.getStoreId(), q.getHomePage(), q.getName(), q.getMbox());
  }

  @Override
  public Response createLearner(LearnerRequest r) {
    return Response.status(201)
        .entity(
            toApi(
                learners.create(
                    r.getStoreId(),
                    r.getName(),
                    r.getExternalId(),
                    r.getSchoolId(),
                    r.getSegment(),
                    r.getSubject())))
        .build();
  }

  @Override
  public Response linkIdentity(String learnerId, Identifier id) {
    learners.find(learnerId);
    linking.link(
        learnerId, LearnerService.identifier(id.getHomePage(), id.getName(), id.getMbox()));
    return Response.ok(toApi(learners.find(learnerId))).build();
  }

  @Override
  public Response unlinkIdentity(String learnerId, Identifier id) {
    learners.find(learnerId);
    String to =
        linking.unlink(
            learnerId, LearnerService.identifier(id.getHomePage(), id.getName(), id.getMbox()));
    return Response.ok(toApi(learners.find(to))).build();
  }

  @Override
  public Response getLearner(String learnerId) {
    return Response.ok(toApi(learners.find(learnerId))).build();
  }

  @Override
  public Response setLearnerAttributes(String learnerId, LearnerAttributes a) {
    return Response.ok(
            toApi(
                learners.describe(
                    learnerId,
                    a.getSegment(),
                    a.getSubject(),
                    a.getBirthYear(),
                    a.getBirthYearConsent(),
                    a.getSchoolId())))
        .build();
  }

  private Learner toApi(Person p) {
    return new Learner()
        .id(p.id())
        .storeId(p.storeId())
        .name(p.displayName())
        .segment(p.segment())
        .subject(p.subject())
        .birthYear(p.birthYear())
        .schoolId(p.schoolId())
        .externalId(p.externalId())
        .identities(learners.identities(p.id()));
  }
}
