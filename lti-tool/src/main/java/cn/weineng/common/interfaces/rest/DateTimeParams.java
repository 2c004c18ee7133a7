package cn.weineng.common.interfaces.rest;

import cn.weineng.common.domain.Problem;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters of type date-time: RFC 3339, a malformed one is a 400 naming the value. */
@Provider
public class DateTimeParams implements ParamConverterProvider {

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    if (rawType != OffsetDateTime.class) {
      return null;
    }
    return (ParamConverter<T>)
        new ParamConverter<OffsetDateTime>() {
          @Override
          public OffsetDateTime fromString(String value) {
            if (value == null || value.isBlank()) {
              return null;
            }
            try {
              return OffsetDateTime.parse(value.trim());
            } catch (DateTimeParseException e) {
              throw Problem.invalid(
                  "asOf is not an RFC 3339 date-time, e.g. 2026-12-01T08:00:00+08:00",
                  List.of(new Problem.FieldError("asOf", "is not a date-time")));
            }
          }

          @Override
          public String toString(OffsetDateTime value) {
            return value == null ? null : value.toString();
          }
        };
  }
}
