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
