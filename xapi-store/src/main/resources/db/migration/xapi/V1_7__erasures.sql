-- The audit of hard deletes of one actor's data (PIPL requests, learners who leave): who asked, when, why, what went.
-- The actor is kept only as the SHA-256 of its identifier, so the audit holds no personal data of its own.
create table lrs_erasure (
  id            varchar(36)  not null primary key,
  store_id      varchar(64)  not null references lrs_store (id),
  agent_hash    varchar(64)  not null,
  requested_by  varchar(100) not null,
  reason        varchar(500) not null,
  statements    integer      not null,
  documents     integer      not null,
  attachments   integer      not null,
  erased_at     timestamp with time zone not null
);
create index lrs_erasure_store on lrs_erasure (store_id, erased_at);
