-- The document resources (xAPI State, Activity Profile, Agent Profile): one row per document, its bytes as sent. A
-- document is found by a digest of what names it (kind, activity, agent, registration, id), so that long IRIs never
-- make an index entry too large; its scope (the same without the id) serves lists and deleting all states.
-- The names are kept readable beside the digests; an actor's documents are found by the digest of its identifier.
-- Portable SQL for H2 2.x (bytea = VARBINARY) and PostgreSQL 13+.
create table xapi_document (
  store_id      varchar(64)   not null references lrs_store (id),
  doc_key       varchar(64)   not null,
  scope_key     varchar(64)   not null,
  kind          varchar(16)   not null,
  activity_id   varchar(2048) not null,
  agent_key     varchar(2048) not null,
  agent_hash    varchar(64)   not null,
  registration  varchar(36)   not null,
  doc_id        varchar(2048) not null,
  content_type  varchar(255)  not null,
  content       bytea         not null,
  etag          varchar(40)   not null,
  updated_at    timestamp with time zone not null,
  primary key (store_id, doc_key)
);
create index xapi_document_scope on xapi_document (store_id, scope_key, updated_at);
create index xapi_document_agent on xapi_document (store_id, agent_hash);
