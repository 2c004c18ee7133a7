package cn.weineng.lti.interfaces.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the REST API's resources: {@link AdminAuthFilter} runs for the resource Jersey matched, so no
 * spelling of the URL (matrix parameters, encoded characters) can reach one without the admin's credentials.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminApi {}
