package cn.weineng.lti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.lti.support.Weineng;
import cn.weineng.lti.support.WeinengServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test of the run (the class order puts it last) and reads
 * everything the shared server logged: no password, LRS secret, HTTP Basic value, signed token
 * (id_token, client assertion, access token), private key, secrets key or 身份证号 may appear in any
 * line. The tests before it launched, registered, uploaded, failed logins and imported rosters with
 * ID numbers, so the log holds what those paths log.
 */
@Order(Integer.MAX_VALUE)
class LogHygieneIT {

  static final WeinengServer server = WeinengServer.get();

  /** A compact JWS: three base64url parts, the first a JSON header. */
  static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.");

  static final Pattern BASIC = Pattern.compile("(?i)basic\\s+[A-Za-z0-9+/]{12,}={0,2}");

  /** Eighteen characters shaped like a resident ID number, with a valid check character. */
  static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");

  static final Pattern PRIVATE_JWK = Pattern.compile("\"(d|p|q|dp|dq|qi)\"\\s*:\\s*\"");

  @Test
  void theServerLogHoldsNoSecretOrPersonalNumber() throws Exception {
    // make sure the log has seen this run's secrets at least once more: a failed and a good login
    new Weineng(server).credential("default", "log-hygiene");
    Path log = server.work().resolve("server.log");
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).as("the server logged this run").isNotEmpty();
    List<String> secrets = new ArrayList<>(Weineng.SECRETS_GIVEN);
    secrets.add(server.adminPassword);
    Path secretsKey = server.work().resolve("weineng-data").resolve("secrets.key");
    if (Files.exists(secretsKey)) {
      secrets.add(Files.readString(secretsKey).strip());
    }
    List<String> found = new ArrayList<>();
    for (String line : lines) {
      for (String secret : secrets) {
        if (secret != null && secret.length() >= 8 && line.contains(secret)) {
          found.add("a secret: " + redact(line, secret));
        }
      }
      for (Pattern p : List.of(JWT, BASIC, PRIVATE_JWK)) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          found.add(p.pattern() + ": " + redact(line, m.group()));
        }
      }
      Matcher id = ID_NUMBER.matcher(line);
      while (id.find()) {
        if (validIdNumber(id.group())) {
          found.add("an ID number: " + redact(line, id.group()));
        }
      }
    }
    assertThat(found).as("log lines of %s", log).isEmpty();
    assertThat(Weineng.SECRETS_GIVEN).as("the run created LRS credentials").isNotEmpty();
  }

  /** GB 11643 check character. */
  static boolean validIdNumber(String s) {
    int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    String check = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (s.charAt(i) - '0') * w[i];
    }
    return Character.toUpperCase(s.charAt(17)) == check.charAt(sum % 11);
  }

  private static String redact(String line, String what) {
    String shown = line.replace(what, "<" + what.length() + " chars>");
    return shown.length() > 300 ? shown.substring(0, 300) + "…" : shown;
  }

  @SuppressWarnings("unused")
  private static final Class<?> ORDERED_BY = ClassOrderer.OrderAnnotation.class;
}
