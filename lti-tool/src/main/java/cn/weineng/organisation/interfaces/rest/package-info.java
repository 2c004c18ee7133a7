/** The organisation part of the REST API (generated interface {@code OrganisationApi}). */
package cn.weineng.organisation.interfaces.rest;
