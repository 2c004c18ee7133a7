/** Catalogues and points (JPA entities) and the values of a point's submission guide. */
package cn.weineng.catalogue.domain;
