package cn.weineng.common.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminAuthFilter;
import cn.weineng.admin.interfaces.rest.LrsResource;
import cn.weineng.launch.interfaces.lti.LtiLaunchExceptionMapper;
import cn.weineng.launch.interfaces.lti.LtiResource;
import cn.weineng.ledger.interfaces.rest.PoliciesResource;
import cn.weineng.platform.interfaces.rest.PlatformsResource;
import cn.weineng.reports.interfaces.rest.ProgressResource;
import cn.weineng.xapi.interfaces.rest.AboutResource;
import cn.weineng.xapi.interfaces.rest.AlternateRequestSyntaxFilter;
import cn.weineng.xapi.interfaces.rest.StatementsResource;
import cn.weineng.xapi.interfaces.rest.XapiExceptionMapper;
import cn.weineng.xapi.interfaces.rest.XapiRequestFilter;
import cn.weineng.xapi.interfaces.rest.XapiResponseFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * JAX-RS at the context root: /api (REST), /lti (LTI 1.3), /xapi (the LRS). Resources and providers
 * are listed, not scanned: scanning would also pick up the generated API interfaces and try to
 * instantiate them.
 */
@ApplicationPath("")
public class WeinengApplication extends Application {

  /**
   * JSON is read and written by the application's Jackson provider ({@link JsonProvider}) only:
   * Jersey's JSON-B feature, which Payara registers too, is turned off, so that which provider
   * handles a request never depends on the order in which a start happened to register them.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.disableJsonBinding", true,
        "jersey.config.server.disableJsonBinding", true,
        // Jersey registers its own Jackson feature only when this names it
        "jersey.config.jsonFeature", "WeinengJsonProvider",
        "jersey.config.server.jsonFeature", "WeinengJsonProvider",
        "jersey.config.disableMoxyJson", true,
        // no WADL: GET /application.wadl and OPTIONS would list every resource and Jersey's version
        "jersey.config.server.wadl.disableWadl", true);
  }

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        // REST API (implementations of the generated interfaces)
        PlatformsResource.class,
        LrsResource.class,
        PoliciesResource.class,
        ProgressResource.class,
        cn.weineng.ledger.interfaces.rest.LedgerResource.class,
        cn.weineng.people.interfaces.rest.LearnersResource.class,
        cn.weineng.organisation.interfaces.rest.OrganisationResource.class,
        cn.weineng.ledger.interfaces.rest.ProfileResource.class,
        cn.weineng.catalogue.interfaces.rest.CatalogueResource.class,
        cn.weineng.evidence.interfaces.rest.EvidenceResource.class,
        DateTimeParams.class,
        AdminAuthFilter.class,
        JsonProvider.class,
        ProblemMapper.class,
        ConstraintViolationMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedErrorMapper.class,
        CommitFailureMapper.class,
        StandardHeadersFilter.class,
        // LTI
        LtiResource.class,
        cn.weineng.launch.interfaces.lti.FrameResource.class,
        cn.weineng.platform.interfaces.lti.RegistrationResource.class,
        org.glassfish.jersey.media.multipart.MultiPartFeature.class,
        LtiLaunchExceptionMapper.class,
        // the embedded LRS
        AboutResource.class,
        StatementsResource.class,
        cn.weineng.xapi.interfaces.rest.DocumentsResource.class,
        cn.weineng.xapi.interfaces.rest.ActivitiesAgentsResource.class,
        XapiRequestFilter.class,
        AlternateRequestSyntaxFilter.class,
        XapiResponseFilter.class,
        XapiExceptionMapper.class);
  }
}
