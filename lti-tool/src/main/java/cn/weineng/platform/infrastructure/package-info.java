/** The platforms' JWKS, fetched and cached, refetched on an unknown key id. */
package cn.weineng.platform.infrastructure;
