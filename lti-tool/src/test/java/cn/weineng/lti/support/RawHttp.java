package cn.weineng.lti.support;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 request written byte for byte over a socket, for what Java's HTTP client refuses to
 * send (a malformed %-escape, a path with dot segments or doubled slashes kept as they are).
 */
public final class RawHttp {

  private RawHttp() {}

  /** Sends the request and returns the whole answer (status line, headers, body) as text. */
  public static String send(
      String baseUrl, String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    URI base = URI.create(baseUrl);
    StringBuilder req =
        new StringBuilder(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\nHost: ")
            .append(base.getAuthority())
            .append("\r\nConnection: close\r\n");
    headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      req.append("Content-Length: ").append(body.length).append("\r\n");
    }
    req.append("\r\n");
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        s.getOutputStream().write(body);
      }
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The status code of an answer {@link #send} returned. */
  public static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }
}
