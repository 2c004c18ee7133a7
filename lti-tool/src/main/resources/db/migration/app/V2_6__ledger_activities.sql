-- The ledger keeps what a statement says a teacher did (the credited activity), once per statement, instead of what it
-- earned under each installed policy (ADR 0006). Lines per policy are derived from these rows when a standing is read,
-- so one statement is one narrow row however many policies are installed, and a new rule-set version needs no rebuild.
--
-- One row per statement that at least one installed policy credits; its key is the statement's stored position in the
-- LRS (xapi_statement.seq), which grows with arrival, so inserts append to the primary key instead of landing at random.
-- person_id has no foreign key: the writer creates the person in the same transaction as the row, persons are never
-- deleted, and the table is derived (a rebuild rewrites it). On H2 the key's check on every insert cost a third of a
-- 1 M-statement rebuild (68.9 s with it, 44.6 s without).
create table ledger_activity (
  statement_seq           bigint         not null primary key,
  store_id                varchar(64)    not null,
  person_id               varchar(36)    not null,
  actor_ifi               varchar(1024)  not null,
  statement_id            varchar(36)    not null,
  verb_id                 varchar(2048)  not null,
  occurred_at             timestamp with time zone not null,
  activity_id             varchar(2048)  not null,
  activity_type           varchar(2048),
  kind                    varchar(64),
  duration_ms             bigint,
  nominal_seconds         bigint,
  completion              boolean,
  success                 boolean,
  score_scaled            double precision,
  topics                  varchar(2000),
  catalogue_course_id     varchar(100),
  completes_per_catalogue boolean        not null,
  recorded_at             timestamp with time zone not null
);
-- a standing reads one person's rows; linking moves one identifier's rows of the person it belongs to. The only
-- secondary index, and a narrow one: every index with random keys (a UUID, an IRI) makes each insert of a large
-- rebuild rewrite pages all over it. A voiding statement finds its target's row by its stored position, which the
-- LRS knows, through the primary key.
create index ix_ledger_activity_person on ledger_activity (person_id);

-- Stores whose ledger was written in the old form: rebuilt from their statements at the next start.
create table ledger_rebuild_due (
  store_id varchar(64) not null primary key
);
insert into ledger_rebuild_due (store_id) select distinct store_id from ledger_entry;

drop table ledger_entry;
drop sequence ledger_entry_seq;
