package cn.weineng.common.interfaces.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Looks at the request as it came, before anything decodes it, and refuses with a problem+json 400:
 *
 * <ul>
 *   <li>a URL whose path or query has a {@code %} not followed by two hex digits (RFC 3986 §2.1),
 *       which the container would otherwise answer 200 with an empty body;
 *   <li>a NUL character ({@code %00}) in the query or in a form body (the LTI endpoints, the
 *       frame's forms, the xAPI alternate request syntax): no value Weineng keeps may hold one, and
 *       PostgreSQL cannot store it.
 * </ul>
 *
 * A form body is read once here (at most {@value #MAX_FORM_BYTES} bytes, else 413) and handed on.
 */
@WebFilter(urlPatterns = "/*")
public class RawRequestFilter implements Filter {

  /** The largest form body read (the LRS's alternate syntax carries statements in one). */
  static final int MAX_FORM_BYTES = 8 * 1024 * 1024;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    HttpServletResponse out = (HttpServletResponse) response;
    if (!wellEscaped(http.getRequestURI())) {
      refuse(
          out,
          400,
          "malformed-url",
          "Malformed URL",
          "the URL's path has a % that is not followed by two hexadecimal digits");
      return;
    }
    String query = http.getQueryString();
    if (!wellEscaped(query)) {
      refuse(
          out,
          400,
          "malformed-url",
          "Malformed URL",
          "the URL's query has a % that is not followed by two hexadecimal digits");
      return;
    }
    if (holdsNul(query)) {
      refuse(
          out,
          400,
          "nul-character",
          "NUL character",
          "the URL's query holds a NUL character (%00)");
      return;
    }
    String type = http.getContentType();
    if (type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      byte[] body = http.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        cn.weineng.xapi.application.StrictJson.drain(http.getInputStream());
        refuse(
            out,
            413,
            "too-large",
            "Request too large",
            "the form body is larger than " + MAX_FORM_BYTES + " bytes");
        return;
      }
      if (holdsNul(new String(body, StandardCharsets.ISO_8859_1))) {
        refuse(
            out,
            400,
            "nul-character",
            "NUL character",
            "the form body holds a NUL character (%00)");
        return;
      }
      chain.doFilter(new Buffered(http, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(
      HttpServletResponse out, int status, String slug, String title, String detail)
      throws IOException {
    ProblemResponses.write(out, status, slug, title, detail, true);
  }

  static boolean holdsNul(String raw) {
    // "%00" has no letter: no case to fold
    return raw != null && (raw.indexOf('\0') >= 0 || raw.contains("%00"));
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

  /** The request with its form body already read, handed on unchanged. */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the form body was read already");
        }
      };
    }

    /** The form's fields after the query's, as the container would have given them. */
    private java.util.Map<String, String[]> parameters;

    @Override
    public java.util.Map<String, String[]> getParameterMap() {
      if (parameters == null) {
        java.util.Map<String, java.util.List<String>> all = new java.util.LinkedHashMap<>();
        // the query's fields: the container parses them from the URL alone
        super.getParameterMap()
            .forEach(
                (k, v) ->
                    all.computeIfAbsent(k, x -> new java.util.ArrayList<>())
                        .addAll(java.util.List.of(v)));
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          try {
            String k =
                java.net.URLDecoder.decode(
                    eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v =
                eq < 0
                    ? ""
                    : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            all.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
          } catch (IllegalArgumentException e) {
            // a malformed escape: the field is left out, as the container would
          }
        }
        java.util.Map<String, String[]> out = new java.util.LinkedHashMap<>();
        all.forEach((k, v) -> out.put(k, v.toArray(new String[0])));
        parameters = java.util.Collections.unmodifiableMap(out);
      }
      return parameters;
    }

    @Override
    public String getParameter(String name) {
      String[] v = getParameterMap().get(name);
      return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public String[] getParameterValues(String name) {
      return getParameterMap().get(name);
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
      return java.util.Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
