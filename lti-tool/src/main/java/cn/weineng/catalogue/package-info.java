/**
 * Micro-ability catalogues (微能力点) as data: the national 30 points and regional variants, each point
 * with its environment, dimension, evidence items (submission guide) and rubric, whether a primary
 * source confirms it, corrections through the REST API, and the exports a platform imports (1EdTech
 * CASE 1.0, Moodle's competency-framework CSV).
 */
package cn.weineng.catalogue;
