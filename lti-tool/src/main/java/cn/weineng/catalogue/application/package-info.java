/** Loading the shipped catalogues, reading and correcting points, the CASE and Moodle exports. */
package cn.weineng.catalogue.application;
