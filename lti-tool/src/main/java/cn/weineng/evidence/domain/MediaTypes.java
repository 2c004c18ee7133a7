package cn.weineng.evidence.domain;

import java.util.Locale;

/**
 * Whether a file's first bytes fit the media type it was sent as: a PDF starts {@code %PDF-}, an
 * Office Open XML file is a ZIP, a legacy Office file an OLE2 compound file, an MP4 or QuickTime
 * movie has an {@code ftyp} (or a {@code moov}/{@code mdat}/{@code wide}) box, WebM an EBML header.
 * A renamed executable sent as {@code application/pdf} is refused before it is stored.
 */
public final class MediaTypes {

  private MediaTypes() {}

  /** How many leading bytes {@link #fits} reads. */
  public static final int SNIFF = 16;

  public static boolean fits(String mediaType, byte[] head, int n) {
    String t = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "application/pdf" ->
          starts(head, n, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      case "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ->
          starts(head, n, new byte[] {'P', 'K', 3, 4});
      case "application/msword", "application/vnd.ms-powerpoint", "application/vnd.ms-excel" ->
          starts(head, n, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
      case "image/jpeg" -> starts(head, n, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
      case "image/png" -> starts(head, n, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
      case "video/mp4", "video/quicktime" -> n >= 8 && box(head);
      case "video/webm" -> starts(head, n, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3});
      // a media type without a known signature is taken on its word (the item lists what it takes)
      default -> true;
    };
  }

  private static boolean box(byte[] head) {
    String type = new String(head, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    return type.equals("ftyp") || type.equals("moov") || type.equals("mdat") || type.equals("wide");
  }

  private static boolean starts(byte[] head, int n, byte[] magic) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
