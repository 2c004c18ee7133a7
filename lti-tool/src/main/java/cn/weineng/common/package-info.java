/**
 * What every capability shares: the problems requests are refused with, the database and its
 * migrations, the public URL, and the REST edge (the JAX-RS application, the JSON provider,
 * problem+json mappers, health).
 */
package cn.weineng.common;
