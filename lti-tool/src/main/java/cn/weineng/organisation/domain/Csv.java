package cn.weineng.organisation.domain;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, a UTF-8 BOM ignored. */
public final class Csv {

  private Csv() {}

  /** A line the parser cannot read, with its 1-based line number. */
  public static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int line;

    Malformed(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** The records, each a list of fields; blank lines are skipped. */
  public static List<List<String>> parse(String text) {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int line = 1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        if (field.length() > 0) {
          throw new Malformed(line, "a quote in the middle of an unquoted field");
        }
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        if (!(record.size() == 1 && record.get(0).isEmpty() && !wasQuoted)) {
          out.add(record);
        }
        record = new ArrayList<>();
        wasQuoted = false;
        line++;
      } else {
        if (wasQuoted) {
          throw new Malformed(line, "text after a closing quote");
        }
        field.append(c);
      }
    }
    if (quoted) {
      throw new Malformed(line, "a quoted field is not closed");
    }
    if (field.length() > 0 || !record.isEmpty() || wasQuoted) {
      record.add(field.toString());
      out.add(record);
    }
    return out;
  }
}
