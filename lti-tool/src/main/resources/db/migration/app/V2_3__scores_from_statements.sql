-- Scores can come from statements too (a provider's online score, a platform's yearly score): such a score remembers
-- its statement, so that voiding the statement removes it and a rebuild derives it again.
alter table assessment_score add column store_id varchar(64);
alter table assessment_score add column statement_id varchar(36);
create index ix_score_statement on assessment_score (store_id, statement_id);

-- A catalogue entry can say which verbs complete its activity (default: completed, passed), e.g. Moodle's
-- http://activitystrea.ms/schema/1.0/submit for an assignment without completion tracking.
alter table catalogue_course add column verbs varchar(2000);
