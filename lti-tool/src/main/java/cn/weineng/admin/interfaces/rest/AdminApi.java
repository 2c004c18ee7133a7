package cn.weineng.admin.interfaces.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the REST API's resource classes: {@link AdminAuthFilter} checks the class Jersey matched,
 * so no spelling of the URL (matrix parameters, encoded characters) reaches one without the admin's
 * credentials. (Not a JAX-RS name binding: bindings on a class whose resource methods are declared
 * by a generated interface are not applied.)
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AdminApi {}
