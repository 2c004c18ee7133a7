package cn.weineng.common.interfaces.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of the whole application (declared in {@code web.xml}): a refusal the container or
 * Jersey sends before any resource runs (a malformed {@code Accept} header, say) is answered as
 * problem+json like every other refusal, not as the container's HTML report. The detail is fixed
 * per status: nothing the request held is echoed.
 */
@WebServlet("/weineng-container-error")
public class ContainerErrorServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 404;
    String[] text = text(status);
    ProblemResponses.write(
        response, status, text[0], text[1], text[2], !"HEAD".equals(request.getMethod()));
  }

  /** Slug, title and detail for a status. */
  static String[] text(int status) {
    return switch (status) {
      case 400 ->
          new String[] {
            "bad-request",
            "Bad request",
            "the request could not be read: a header, the URL or the body is malformed"
          };
      case 401 -> new String[] {"unauthorized", "Unauthorized", "credentials are required"};
      case 403 -> new String[] {"forbidden", "Forbidden", "this request is not allowed"};
      case 404 -> new String[] {"not-found", "Not found", "there is no resource at this URL"};
      case 405 ->
          new String[] {
            "method-not-allowed", "Method not allowed", "this resource does not take this method"
          };
      case 406 ->
          new String[] {
            "not-acceptable", "Not acceptable", "no representation matches the Accept header"
          };
      case 413 -> new String[] {"too-large", "Request too large", "the request is too large"};
      case 415 ->
          new String[] {
            "unsupported-media-type",
            "Unsupported media type",
            "this resource does not take this Content-Type"
          };
      default ->
          status >= 500
              ? new String[] {"internal-error", "Internal error", "the request failed on our side"}
              : new String[] {"refused", "Request refused", "the request was refused"};
    };
  }
}
