package cn.weineng.lti.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the context root: /api (REST), /lti (LTI 1.3), /xapi (the LRS). Resources are found by scanning. */
@ApplicationPath("")
public class WeinengApplication extends Application {}
