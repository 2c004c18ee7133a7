package cn.weineng.ledger.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Weineng's xAPI profile (xAPI Profiles 1.0, JSON-LD) at a stable URL, public: the verbs, activity
 * types and extensions that count toward hours, lessons and scores.
 */
@Path("/xapi-profile")
@ApplicationScoped
public class ProfileResource {

  private static final byte[] PROFILE = load();

  private static byte[] load() {
    try (InputStream in =
        ProfileResource.class.getResourceAsStream("/cn/weineng/ledger/xapi-profile.jsonld")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Produces("application/ld+json")
  public Response profile() {
    return Response.ok(PROFILE, "application/ld+json; charset=UTF-8")
        .header("Cache-Control", "public, max-age=3600")
        .build();
  }
}
