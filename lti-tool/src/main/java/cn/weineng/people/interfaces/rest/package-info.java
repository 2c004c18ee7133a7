/** The people part of the REST API (generated interface {@code LearnersApi}). */
package cn.weineng.people.interfaces.rest;
