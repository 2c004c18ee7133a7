package cn.weineng.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

  static boolean fits(String type, byte[] b) {
    byte[] head = java.util.Arrays.copyOf(b, MediaTypes.SNIFF);
    return MediaTypes.fits(type, head, Math.min(b.length, MediaTypes.SNIFF));
  }

  @Test
  void signaturesDecide() {
    byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    byte[] exe = "MZ\u0090\u0000\u0003".getBytes(StandardCharsets.ISO_8859_1);
    byte[] zip = {'P', 'K', 3, 4, 0, 0};
    byte[] mp4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    assertThat(fits("application/pdf", pdf)).isTrue();
    assertThat(fits("APPLICATION/PDF; charset=binary", pdf)).isTrue();
    assertThat(fits("application/pdf", exe)).isFalse();
    assertThat(fits("application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip))
        .isTrue();
    assertThat(fits("application/vnd.openxmlformats-officedocument.wordprocessingml.document", pdf))
        .isFalse();
    assertThat(fits("video/mp4", mp4)).isTrue();
    assertThat(fits("video/mp4", exe)).isFalse();
    assertThat(fits("application/pdf", new byte[] {'%'})).isFalse();
  }
}
