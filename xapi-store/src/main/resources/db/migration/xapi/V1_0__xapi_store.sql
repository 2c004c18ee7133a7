-- xapi-store schema, version 1. Portable SQL: the same script runs on H2 2.x and PostgreSQL 13+.

-- A store is one training institute's LRS (the unit of tenancy).
create table lrs_store (
  id          varchar(64)  not null primary key,
  name        varchar(200) not null,
  created_at  timestamp with time zone not null
);

insert into lrs_store (id, name, created_at) values ('default', 'Default store', current_timestamp);

-- Basic-auth credentials of an LRS client (a vendor, Moodle's logstore_xapi). Secrets are random and
-- stored as their SHA-256, never in clear.
create table lrs_credential (
  id           varchar(36)  not null primary key,
  store_id     varchar(64)  not null references lrs_store (id),
  api_key      varchar(64)  not null unique,
  secret_sha256 varchar(64) not null,
  label        varchar(200) not null,
  created_at   timestamp with time zone not null,
  revoked_at   timestamp with time zone
);

-- Statements: the full statement as stored (JSON text) plus the columns queries filter on; agents and
-- activities are filtered through xapi_statement_agent / xapi_statement_activity below.
-- seq orders statements by storage; (store_id, statement_id) is the xAPI identity.
create table xapi_statement (
  seq            bigint        not null primary key,
  store_id       varchar(64)   not null references lrs_store (id),
  statement_id   varchar(36)   not null,
  verb_id        varchar(1024) not null,
  registration   varchar(36),
  ts             timestamp with time zone not null,
  stored         timestamp with time zone not null,
  voided         boolean       not null,
  voiding_target varchar(36),
  xapi_version   varchar(16)   not null,
  payload        varchar       not null,
  constraint uq_statement_id unique (store_id, statement_id)
);

-- seq values come from this sequence in blocks of 50 (JPA allocationSize), so ids need no round trip each
create sequence xapi_statement_seq start with 50 increment by 50;

create index ix_statement_verb     on xapi_statement (store_id, verb_id, seq);
create index ix_statement_stored   on xapi_statement (store_id, stored);

-- Every agent and activity a statement mentions, for the agent/activity filters and their related_* forms.
-- role 'direct': the actor, or an agent/activity object; 'related': anywhere else (authority, instructor, team,
-- context activities and agents, the parts of a SubStatement).
create table xapi_statement_agent (
  statement_seq bigint        not null references xapi_statement (seq),
  store_id      varchar(64)   not null,
  ifi           varchar(1024) not null,
  role          varchar(8)    not null,
  primary key (statement_seq, ifi, role)
);
create index ix_statement_agent on xapi_statement_agent (store_id, ifi, statement_seq);

create table xapi_statement_activity (
  statement_seq bigint        not null references xapi_statement (seq),
  store_id      varchar(64)   not null,
  activity_id   varchar(2048) not null,
  role          varchar(8)    not null,
  primary key (statement_seq, activity_id, role)
);
create index ix_statement_activity_ref on xapi_statement_activity (store_id, activity_id, statement_seq);
