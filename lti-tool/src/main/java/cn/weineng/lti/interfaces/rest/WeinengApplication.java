package cn.weineng.lti.interfaces.rest;

import cn.weineng.lti.interfaces.lti.LtiLaunchExceptionMapper;
import cn.weineng.lti.interfaces.lti.LtiResource;
import cn.weineng.xapi.interfaces.rest.AboutResource;
import cn.weineng.xapi.interfaces.rest.AlternateRequestSyntaxFilter;
import cn.weineng.xapi.interfaces.rest.StatementsResource;
import cn.weineng.xapi.interfaces.rest.XapiExceptionMapper;
import cn.weineng.xapi.interfaces.rest.XapiRequestFilter;
import cn.weineng.xapi.interfaces.rest.XapiResponseFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * JAX-RS at the context root: /api (REST), /lti (LTI 1.3), /xapi (the LRS). Resources and providers
 * are listed, not scanned: scanning would also pick up the generated API interfaces and try to
 * instantiate them.
 */
@ApplicationPath("")
public class WeinengApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        // REST API (implementations of the generated interfaces)
        PlatformsResource.class,
        LrsResource.class,
        PoliciesResource.class,
        ProgressResource.class,
        AdminAuthFilter.class,
        JsonProvider.class,
        ProblemMapper.class,
        ConstraintViolationMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedErrorMapper.class,
        StandardHeadersFilter.class,
        // LTI
        LtiResource.class,
        LtiLaunchExceptionMapper.class,
        // the embedded LRS
        AboutResource.class,
        StatementsResource.class,
        XapiRequestFilter.class,
        AlternateRequestSyntaxFilter.class,
        XapiResponseFilter.class,
        XapiExceptionMapper.class);
  }
}
