-- H2 only (PostgreSQL has its own V1_8). The statement query walks one index in storage order and
-- stops at the page's end (StatementScan). H2 reads an index only in the order it was built in, and
-- GET /statements is newest first by default, so the indexes those walks use are built newest first.
-- The store's own index stays in both orders: the ledger's cursor reads it oldest first.
drop index ix_statement_verb;
create index ix_statement_verb_desc on xapi_statement (store_id, verb_id, seq desc);
create index ix_statement_registration_desc on xapi_statement (store_id, registration, seq desc);
create index ix_statement_store_seq_desc on xapi_statement (store_id, seq desc);
drop index ix_statement_agent;
create index ix_statement_agent_desc on xapi_statement_agent (store_id, ifi, statement_seq desc);
drop index ix_statement_activity_ref;
create index ix_statement_activity_desc on xapi_statement_activity (store_id, activity_id, statement_seq desc);
-- since and until are turned into position bounds on (store_id, seq): the stored-time index served
-- nothing else
drop index ix_statement_stored;
