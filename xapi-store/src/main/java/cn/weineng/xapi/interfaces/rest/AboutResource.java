package cn.weineng.xapi.interfaces.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** GET /xapi/about: the versions this LRS speaks. Open to everyone, no version header needed. */
@Path("xapi/about")
public class AboutResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String about() {
    return Json.write(Map.of("version", List.of("1.0.3", "2.0.0"), "extensions", Map.of()));
  }
}
