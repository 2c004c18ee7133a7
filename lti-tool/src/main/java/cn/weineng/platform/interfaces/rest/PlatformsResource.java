package cn.weineng.platform.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.PlatformsApi;
import cn.weineng.api.server.model.Platform;
import cn.weineng.api.server.model.PlatformRegistration;
import cn.weineng.common.domain.Problem;
import cn.weineng.platform.application.PlatformService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;

/** /api/platforms. */
@RequestScoped
@AdminApi
public class PlatformsResource implements PlatformsApi {

  @Inject PlatformService platforms;
  @Inject cn.weineng.platform.application.DynamicRegistration registration;

  @Inject cn.weineng.services.application.GradeDelivery delivery;
  @Inject cn.weineng.services.application.GradeRows deliveries;

  @Override
  public Response listScoreDeliveries(String platformId, String state) {
    platforms
        .find(platformId)
        .orElseThrow(() -> cn.weineng.common.domain.Problem.notFound("platform", platformId));
    return Response.ok(
            deliveries.list(platformId, state).stream()
                .map(
                    d -> {
                      java.util.Map<String, Object> score;
                      try {
                        score =
                            new com.fasterxml.jackson.databind.ObjectMapper()
                                .readValue(d.payload(), java.util.Map.class);
                      } catch (java.io.IOException e) {
                        score = java.util.Map.of();
                      }
                      return new cn.weineng.api.server.model.ScoreDelivery()
                          .id(d.id())
                          .lineitem(d.lineitem())
                          .userId(d.userId())
                          .decision(d.decision())
                          .state(
                              cn.weineng.api.server.model.ScoreDelivery.StateEnum.fromValue(
                                  d.state()))
                          .attempts(d.attempts())
                          .createdAt(d.createdAt())
                          .nextAttemptAt(d.nextAttemptAt())
                          .sentAt(d.sentAt())
                          .lastError(d.lastError())
                          .score(score);
                    })
                .toList())
        .build();
  }

  @Override
  public Response runScoreDeliveries(Boolean retryFailed) {
    if (Boolean.TRUE.equals(retryFailed)) {
      delivery.retryFailed();
    }
    int sent = delivery.deliverDue(true);
    return Response.ok(
            new cn.weineng.api.server.model.ScoreDeliveryRun()
                .sent(sent)
                .waiting((int) deliveries.waiting()))
        .build();
  }

  @Inject cn.weineng.platform.application.ToolKeys toolKeys;

  @Override
  public Response rotateToolKey(Integer overlapHours) {
    cn.weineng.platform.application.ToolKeys.Rotation r =
        toolKeys.rotate(java.time.Duration.ofHours(overlapHours == null ? 48 : overlapHours));
    return Response.ok(
            new cn.weineng.api.server.model.ToolKeyRotation()
                .kid(r.kid())
                .previous(r.previous())
                .previousRetireAt(r.previousRetireAt()))
        .build();
  }

  @Inject cn.weineng.launch.application.LaunchRefusals launchRefusals;

  @Override
  public Response listLaunchRefusals(String issuer, Integer limit) {
    return Response.ok(
            launchRefusals.latest(issuer, limit == null ? 100 : limit).stream()
                .map(
                    r ->
                        new cn.weineng.api.server.model.LaunchRefusal()
                            .at(r.at())
                            .endpoint(r.endpoint())
                            .check(r.check())
                            .status(r.status())
                            .message(r.message())
                            .issuer(r.issuer())
                            .clientId(r.clientId()))
                .toList())
        .build();
  }

  @Override
  public Response inviteRegistration(cn.weineng.api.server.model.RegistrationInvitationRequest r) {
    cn.weineng.platform.application.DynamicRegistration.Invitation i =
        registration.invite(
            r == null ? null : r.getStoreId(),
            r == null ? null : r.getPolicyId(),
            r == null ? null : r.getName());
    return Response.status(201)
        .entity(
            new cn.weineng.api.server.model.RegistrationInvitation()
                .registrationUrl(i.url())
                .expiresAt(i.expiresAt())
                .storeId(i.storeId())
                .policyId(i.policyId()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @Override
  public Response createPlatform(PlatformRegistration r) {
    cn.weineng.platform.domain.Platform p =
        platforms.register(
            new PlatformService.Registration(
                r.getName(),
                r.getIssuer(),
                r.getClientId(),
                r.getDeploymentIds(),
                r.getAuthUrl(),
                r.getTokenUrl(),
                r.getJwksUrl(),
                r.getStoreId(),
                r.getPolicyId(),
                r.getTeacherIdParameter()));
    return Response.created(URI.create("/api/platforms/" + p.id())).entity(toApi(p)).build();
  }

  @Override
  public Response getPlatform(String platformId) {
    return Response.ok(
            toApi(
                platforms
                    .find(platformId)
                    .orElseThrow(() -> Problem.notFound("platform", platformId))))
        .build();
  }

  @Override
  public Response listPlatforms() {
    return Response.ok(platforms.list().stream().map(PlatformsResource::toApi).toList()).build();
  }

  static Platform toApi(cn.weineng.platform.domain.Platform p) {
    return new Platform()
        .id(p.id())
        .name(p.name())
        .issuer(p.issuer())
        .clientId(p.clientId())
        .deploymentIds(new ArrayList<>(p.deploymentIds()))
        .authUrl(p.authUrl())
        .tokenUrl(p.tokenUrl())
        .jwksUrl(p.jwksUrl())
        .storeId(p.storeId())
        .policyId(p.policyId())
        .teacherIdParameter(p.teacherIdParameter())
        .createdAt(p.createdAt());
  }
}
