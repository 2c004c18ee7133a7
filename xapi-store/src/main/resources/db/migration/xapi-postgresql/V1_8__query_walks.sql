-- PostgreSQL only (H2 has its own V1_8). The statement query walks one index in storage order and
-- stops at the page's end (StatementScan); PostgreSQL reads a B-tree in either direction.
create index ix_statement_registration on xapi_statement (store_id, registration, seq);
-- since and until are turned into position bounds on (store_id, seq): the stored-time index served
-- nothing else
drop index ix_statement_stored;
-- only voiding statements have a voiding target: the index holds them alone
drop index ix_statement_voiding;
create index ix_statement_voiding on xapi_statement (store_id, voiding_target) where voiding_target is not null;
-- The walk of a store's statements (no filter, the ledger's cursor, the since/until probes) reads statements that are
-- not voided, and only it: an index of those alone. Before the tables had statistics PostgreSQL took the store's
-- index for a walk by a rare verb or a registration (it serves their order too) and filtered every statement; a
-- partial index cannot serve a query that does not say voided = false, so those walks take their own index.
drop index ix_statement_store_seq;
create index ix_statement_store_walk on xapi_statement (store_id, seq) where voided = false;
