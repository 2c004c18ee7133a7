package cn.weineng.common.interfaces.rest;

import cn.weineng.common.domain.Problem;
import cn.weineng.xapi.application.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON for the REST API's models with Jackson (the generated models carry Jackson annotations):
 * ISO-8601 dates, unknown properties refused with the property's path. Strings and streams are left
 * to the container, so the LRS's hand-written JSON passes through untouched.
 */
@Provider
@Priority(1)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/problem+json", "application/*+json"})
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

  static final ObjectMapper MAPPER = strict();

  /** Largest REST request body read; larger ones get 413 (file uploads have their own limits). */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /**
   * Strict reading: unknown properties, duplicate keys and content after the document are refused,
   * and a value is never coerced into another type (a number or boolean is no string, a string no
   * number, a one-element array no scalar).
   */
  private static ObjectMapper strict() {
    ObjectMapper m = base();
    m.disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
    m.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    m.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    // each scalar target refuses the input shapes that are not its own; untyped values (free
    // JSON, maps) take any shape as they are
    refuse(
        m,
        LogicalType.Textual,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean,
        CoercionInputShape.EmptyString);
    refuse(
        m,
        LogicalType.Enum,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean,
        CoercionInputShape.EmptyString);
    refuse(
        m,
        LogicalType.DateTime,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean,
        CoercionInputShape.EmptyString);
    refuse(
        m,
        LogicalType.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean,
        CoercionInputShape.String,
        CoercionInputShape.EmptyString);
    refuse(
        m,
        LogicalType.Float,
        CoercionInputShape.Boolean,
        CoercionInputShape.String,
        CoercionInputShape.EmptyString);
    refuse(
        m,
        LogicalType.Boolean,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.String,
        CoercionInputShape.EmptyString);
    return m;
  }

  private static void refuse(ObjectMapper m, LogicalType target, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      m.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
    }
  }

  private static ObjectMapper base() {
    return StrictJson.mapper(StrictJson.MAX_TOKENS_REST)
        .build()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        // required fields are checked by Bean Validation, which reports all of them at once, not
        // Jackson's first
        .setAnnotationIntrospector(
            new JacksonAnnotationIntrospector() {
              private static final long serialVersionUID = 1L;

              @Override
              public Boolean hasRequiredMarker(AnnotatedMember m) {
                return null;
              }
            });
  }

  private static boolean handles(Class<?> type) {
    return !(type == String.class
        || type == byte[].class
        || InputStream.class.isAssignableFrom(type)
        || jakarta.ws.rs.core.StreamingOutput.class.isAssignableFrom(type));
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return handles(type);
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    byte[] body = entityStream.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      StrictJson.drain(entityStream);
      throw new Problem(
          413,
          "too-large",
          "Request too large",
          "the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (StrictJson.escapesNul(body)) {
      throw Problem.invalid("the request body holds a NUL character (\\u0000)", List.of());
    }
    try {
      return MAPPER.readerFor(MAPPER.getTypeFactory().constructType(genericType)).readValue(body);
    } catch (JsonProcessingException e) {
      throw refusal(e);
    }
  }

  /** The problem a body that could not be read as its type answers. */
  private static Problem refusal(JsonProcessingException e) {
    // a limit broken while a value was read may come wrapped in a mapping exception
    StrictJson.Excess excess = StrictJson.excess(e, StrictJson.MAX_TOKENS_REST).orElse(null);
    if (excess != null) {
      return new Problem(
          excess.status(),
          excess.status() == 413 ? "too-large" : "invalid-request",
          excess.status() == 413 ? "Request too large" : "Invalid request",
          "the request body: " + excess.reason());
    }
    if (e instanceof UnrecognizedPropertyException) {
      return Problem.invalid(
          "the request has a property the API does not know",
          List.of(new Problem.FieldError(path(e), "is not a property of this request")));
    }
    if (e instanceof MismatchedInputException) {
      String path = path(e);
      return Problem.invalid(
          "the request body does not match the expected shape",
          List.of(
              new Problem.FieldError(
                  path.isEmpty() ? "(body)" : path, "is missing or has the wrong type")));
    }
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException) {
      // well-formed JSON with a value the API does not take (an enum word it does not know)
      String path = path(e);
      return Problem.invalid(
          "the request has a value the API does not accept",
          List.of(
              new Problem.FieldError(
                  path.isEmpty() ? "(body)" : path, "is not one of the allowed values")));
    }
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return Problem.invalid("the request body is not valid JSON" + where, List.of());
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
      return m.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."))
          .replace(".[", "[");
    }
    return "";
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return handles(type);
  }

  @Override
  public void writeTo(
      Object o,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> httpHeaders,
      OutputStream entityStream)
      throws IOException {
    MAPPER.writeValue(entityStream, o);
  }
}
