package cn.weineng.common.interfaces.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a URL whose path or query has a {@code %} not followed by two hex digits (RFC 3986 §2.1)
 * with 400 and a problem+json body, before anything reads it: the container otherwise answered such
 * a request 200 with an empty body.
 */
@WebFilter(urlPatterns = "/*")
public class MalformedUrlFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String where =
        !wellEscaped(http.getRequestURI())
            ? "path"
            : !wellEscaped(http.getQueryString()) ? "query" : null;
    if (where == null) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse out = (HttpServletResponse) response;
    out.setStatus(400);
    out.setContentType("application/problem+json");
    out.setCharacterEncoding("UTF-8");
    byte[] body =
        ("{\"type\":\""
                + ProblemResponses.TYPE_BASE
                + "malformed-url\",\"title\":\"Malformed URL\",\"status\":400,\"detail\":\"the URL's "
                + where
                + " has a % that is not followed by two hexadecimal digits\"}")
            .getBytes(StandardCharsets.UTF_8);
    out.setContentLength(body.length);
    out.getOutputStream().write(body);
  }

  static boolean wellEscaped(String s) {
    if (s == null) {
      return true;
    }
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length() || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
