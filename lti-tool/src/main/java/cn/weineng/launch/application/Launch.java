package cn.weineng.launch.application;

import java.util.List;
import java.util.Map;

/**
 * A validated resource-link launch: what the rest of the application needs from the id_token.
 *
 * @param platformId our registration id
 * @param issuer the platform issuer
 * @param deploymentId the deployment the launch came through
 * @param subject the user's LTI subject (sub)
 * @param name the user's name when the platform shares it
 * @param roles LTI role URIs
 * @param resourceLinkId the resource link id
 * @param resourceLinkTitle its title, or null
 * @param contextId the context (course) id, or null
 * @param contextTitle the context title, or null
 * @param contextLabel the context label, or null
 * @param locale the launch_presentation locale, or null
 * @param targetLinkUri the target link URI
 * @param productFamily the tool_platform product family code (e.g. moodle), or null
 * @param custom custom parameters
 * @param personSourcedId the institute's id of the person: {@code lis.person_sourcedid}; null when
 *     not sent
 */
public record Launch(
    String platformId,
    String issuer,
    String deploymentId,
    String subject,
    String name,
    List<String> roles,
    String resourceLinkId,
    String resourceLinkTitle,
    String contextId,
    String contextTitle,
    String contextLabel,
    String locale,
    String targetLinkUri,
    String productFamily,
    Map<String, String> custom,
    String personSourcedId,
    DeepLinking deepLinking,
    Ags ags,
    String membershipsUrl) {

  /** A resource link launch. */
  public Launch(
      String platformId,
      String issuer,
      String deploymentId,
      String subject,
      String name,
      List<String> roles,
      String resourceLinkId,
      String resourceLinkTitle,
      String contextId,
      String contextTitle,
      String contextLabel,
      String locale,
      String targetLinkUri,
      String productFamily,
      Map<String, String> custom,
      String personSourcedId) {
    this(
        platformId,
        issuer,
        deploymentId,
        subject,
        name,
        roles,
        resourceLinkId,
        resourceLinkTitle,
        contextId,
        contextTitle,
        contextLabel,
        locale,
        targetLinkUri,
        productFamily,
        custom,
        personSourcedId,
        null,
        null,
        null);
  }

  /** What kind of message this launch is, with the claims of its kind and its services. */
  public LtiMessage message() {
    LtiMessage.Services services = new LtiMessage.Services(ags, membershipsUrl);
    return deepLinking != null
        ? new LtiMessage.DeepLinkingRequest(deepLinking, services)
        : new LtiMessage.ResourceLinkRequest(resourceLinkId, resourceLinkTitle, services);
  }

  /**
   * The Assignment and Grade Services endpoint claim (AGS 2.0 §3.1): the scopes the platform grants
   * for this link, its line items URL, and the line item of this resource link when it has one.
   */
  public record Ags(List<String> scopes, String lineitems, String lineitem) {}

  /**
   * The settings of a deep linking request (LTI Deep Linking 2.0 §4.4.1): where to send the chosen
   * items, which kinds the platform takes, whether several, and its opaque data to echo.
   */
  public record DeepLinking(
      String returnUrl,
      List<String> acceptTypes,
      List<String> documentTargets,
      boolean acceptMultiple,
      boolean autoCreate,
      String data,
      String title) {}
}
