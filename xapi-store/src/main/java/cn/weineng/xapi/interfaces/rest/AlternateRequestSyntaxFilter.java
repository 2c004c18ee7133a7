package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.domain.XapiException;
import cn.weineng.xapi.domain.XapiVersion;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * xAPI 1.0.3 Alternate Request Syntax (Communication 1.3; removed in 2.0, so refused there): a
 * {@code POST …?method=GET|PUT|POST|DELETE} whose form body carries the headers, the parameters and
 * the {@code content}. Before Jersey matches a resource the request is rewritten into the request
 * it stands for, so authentication, the version check and the resources see an ordinary request.
 */
@Provider
@PreMatching
public class AlternateRequestSyntaxFilter implements ContainerRequestFilter {

  /** Headers the form may carry (Communication 1.3). */
  private static final Set<String> HEADERS =
      Set.of(
          "authorization",
          "x-experience-api-version",
          "content-type",
          "content-length",
          "if-match",
          "if-none-match");

  private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE");

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    List<String> segments =
        request.getUriInfo().getPathSegments().stream().map(s -> s.getPath()).toList();
    String method = request.getUriInfo().getQueryParameters().getFirst("method");
    if (!"POST".equals(request.getMethod())
        || method == null
        || segments.isEmpty()
        || !"xapi".equals(segments.get(0))) {
      return;
    }
    if (request.getUriInfo().getQueryParameters().size() > 1) {
      throw XapiException.badRequest(
          "with the alternate request syntax, method must be the only query parameter");
    }
    if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      throw XapiException.badRequest("method must be GET, PUT, POST or DELETE");
    }
    MediaType type = request.getMediaType();
    if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
      throw XapiException.badRequest(
          "the alternate request syntax needs an application/x-www-form-urlencoded body");
    }
    Map<String, String> form;
    try {
      byte[] raw = Json.readBody(request.getEntityStream(), "the request body");
      form = parse(new String(raw, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw XapiException.badRequest("the alternate request syntax needs a URL-encoded form body");
    }
    String version =
        form.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(XapiVersion.HEADER))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    if (XapiVersion.fromHeader(version).orElse(null) == XapiVersion.V2_0_0) {
      throw XapiException.badRequest(
          "xAPI 2.0 removed the alternate request syntax; send the request itself");
    }
    String target = method.toUpperCase(Locale.ROOT);
    if (("PUT".equals(target) || "POST".equals(target)) && !form.containsKey("content")) {
      throw XapiException.badRequest(
          "a "
              + target
              + " in the alternate request syntax carries its body in the form parameter 'content'");
    }
    StringBuilder query = new StringBuilder();
    String content = null;
    request.getHeaders().remove("Content-Type");
    for (Map.Entry<String, String> f : form.entrySet()) {
      String name = f.getKey();
      if ("content".equals(name)) {
        content = f.getValue();
      } else if (HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        request.getHeaders().putSingle(name, f.getValue());
      } else {
        // re-encoded here, so no name or value is ever read as a URI template
        query
            .append(query.length() == 0 ? "" : "&")
            .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
      }
    }
    URI base = request.getUriInfo().getRequestUri();
    request.setRequestUri(
        URI.create(
            base.getScheme()
                + "://"
                + base.getRawAuthority()
                + base.getRawPath()
                + (query.length() == 0 ? "" : "?" + query)));
    request.setMethod(target);
    if (content != null && !request.getHeaders().containsKey("Content-Type")) {
      request.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
    }
    byte[] body = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
    request.getHeaders().putSingle("Content-Length", Integer.toString(body.length));
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }
}
