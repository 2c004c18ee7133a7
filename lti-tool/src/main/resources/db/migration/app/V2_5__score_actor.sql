-- A score taken from a statement remembers the identifier it was reported under, so that linking and unlinking that
-- identifier move it with the ledger lines.
alter table assessment_score add column actor_ifi varchar(1024);
create index ix_score_actor on assessment_score (store_id, actor_ifi);
