package cn.weineng.launch.interfaces.lti;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The two pages of a launch through LTI platform storage (1EdTech "OIDC Login with LTI Client Side
 * postMessages"), for a platform that offers it with {@code lti_storage_target}: a browser that
 * blocks the tool's cookie in the LMS frame still proves that it is the browser that started the
 * login.
 *
 * <ul>
 *   <li>At login initiation, the page puts the state and the nonce in the platform's storage
 *       ({@code lti.put_data} to the storage frame, answered from the platform's origin) and then
 *       goes on to the platform's authorisation. When the platform does not answer, it starts the
 *       login again without platform storage, so the launch still works as it does without it.
 *   <li>At the launch, when the browser sent no state cookie, the page asks the platform's storage
 *       for the state ({@code lti.get_data}) and re-posts the launch only when the storage holds
 *       exactly this state; otherwise it says that the launch was started elsewhere.
 * </ul>
 *
 * The scripts are constants (what varies is read from data attributes) allowed by their hashes in
 * the Content-Security-Policy.
 */
final class PlatformStoragePages {

  private PlatformStoragePages() {}

  /** How long a page waits for the platform's answer before it gives up. */
  static final int WAIT_MILLIS = 2000;

  static final String PUT =
      "(function(){var d=document.getElementById('lti').dataset;"
          + "var t=d.target==='_parent'?window.parent:(window.parent&&window.parent.frames[d.target]);"
          + "var keys=[['state_'+d.state,d.state],['nonce_'+d.nonce,d.nonce]],i=0,id,over=false;"
          + "function end(ok){if(over)return;over=true;window.location.replace(ok?d.next:d.fallback);}"
          + "function put(){id='weineng-'+Math.random().toString(36).slice(2);"
          + "t.postMessage({subject:'lti.put_data',message_id:id,key:keys[i][0],value:keys[i][1]},d.origin);}"
          + "window.addEventListener('message',function(e){var m=e.data||{};"
          + "if(e.origin!==d.origin||m.message_id!==id||m.subject!=='lti.put_data.response')return;"
          + "if(m.error){end(false);return;}i++;if(i<keys.length){put();}else{end(true);}});"
          + "if(!t){end(false);return;}setTimeout(function(){end(false);},"
          + WAIT_MILLIS
          + ");put();})();";

  static final String GET =
      "(function(){var d=document.getElementById('lti').dataset;"
          + "var t=d.target==='_parent'?window.parent:(window.parent&&window.parent.frames[d.target]);"
          + "var id='weineng-'+Math.random().toString(36).slice(2),over=false;"
          + "function end(ok){if(over)return;over=true;if(ok){document.getElementById('go').submit();}"
          + "else{document.getElementById('wait').hidden=true;document.getElementById('refused').hidden=false;}}"
          + "window.addEventListener('message',function(e){var m=e.data||{};"
          + "if(e.origin!==d.origin||m.message_id!==id||m.subject!=='lti.get_data.response')return;"
          + "end(!m.error&&m.value===d.state);});"
          + "if(!t){end(false);return;}setTimeout(function(){end(false);},"
          + WAIT_MILLIS
          + ");t.postMessage({subject:'lti.get_data',message_id:id,key:'state_'+d.state},d.origin);})();";

  /**
   * The login initiation's answer with platform storage: puts state and nonce, then goes to {@code
   * next} (the platform's authorisation), or to {@code fallback} (the same login without platform
   * storage) when the platform does not answer.
   */
  static Response put(
      String state,
      String nonce,
      String target,
      String platformOrigin,
      String next,
      String fallback,
      String setCookie) {
    String html =
        page(
            "<div id=\"lti\" data-state=\""
                + LaunchPage.esc(state)
                + "\" data-nonce=\""
                + LaunchPage.esc(nonce)
                + "\" data-target=\""
                + LaunchPage.esc(target)
                + "\" data-origin=\""
                + LaunchPage.esc(platformOrigin)
                + "\" data-next=\""
                + LaunchPage.esc(next)
                + "\" data-fallback=\""
                + LaunchPage.esc(fallback)
                + "\"><p>正在登录… · Signing in…</p><noscript><a href=\""
                + LaunchPage.esc(next)
                + "\">继续 · Continue</a></noscript></div>",
            PUT);
    return Response.ok(html)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Content-Security-Policy", csp(PUT, platformOrigin, null))
        .header("Set-Cookie", setCookie)
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  /**
   * The launch's answer when the browser sent no state cookie and the login used platform storage:
   * asks the storage for the state, then re-posts the launch with {@code lti_storage=checked}.
   */
  static Response check(
      String idToken, String state, String target, String platformOrigin, String launchUrl) {
    String html =
        page(
            "<div id=\"lti\" data-state=\""
                + LaunchPage.esc(state)
                + "\" data-target=\""
                + LaunchPage.esc(target)
                + "\" data-origin=\""
                + LaunchPage.esc(platformOrigin)
                + "\"><form id=\"go\" method=\"post\" action=\""
                + LaunchPage.esc(launchUrl)
                + "\"><input type=\"hidden\" name=\"id_token\" value=\""
                + LaunchPage.esc(idToken)
                + "\"><input type=\"hidden\" name=\"state\" value=\""
                + LaunchPage.esc(state)
                + "\"><input type=\"hidden\" name=\"lti_storage\" value=\"checked\"></form>"
                + "<p id=\"wait\">正在打开… · Opening…</p><p id=\"refused\" hidden>"
                + "这次启动不是在这个浏览器窗口中开始的；请从课程中重新打开活动。"
                + " · This launch was not started in this browser window; open the activity again"
                + " from the course. <code id=\"check\">state-not-in-platform-storage</code></p></div>",
            GET);
    return Response.ok(html)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Content-Security-Policy", csp(GET, platformOrigin, "'self'"))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  private static String page(String body, String script) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Weineng</title></head>"
        + "<body style=\"font-family:system-ui,sans-serif;margin:2rem;color:#37474f\">"
        + body
        + "<script>"
        + script
        + "</script></body></html>";
  }

  private static final java.util.Map<String, String> HASHES =
      java.util.Map.of(PUT, FramePages.scriptHash(PUT), GET, FramePages.scriptHash(GET));

  private static String csp(String script, String platformOrigin, String formAction) {
    return "default-src 'none'; script-src "
        + HASHES.get(script)
        + (formAction == null ? "" : "; form-action " + formAction)
        + "; frame-ancestors 'self' "
        + platformOrigin;
  }
}
