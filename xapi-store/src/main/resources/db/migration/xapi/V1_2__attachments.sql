-- Attachment content, kept out of the statement row: one row per distinct content of a store (by SHA-256), its bytes
-- in chunks of at most 1 MiB, so that a large file (an evidence video) is written and read without holding it whole.
-- Portable SQL for H2 2.x (bytea = VARBINARY) and PostgreSQL 13+.
create table xapi_attachment (
  store_id      varchar(64)  not null references lrs_store (id),
  sha2          varchar(128) not null,
  upload_id     varchar(36)  not null unique,
  content_type  varchar(255) not null,
  length        bigint       not null,
  chunks        integer      not null,
  created_at    timestamp with time zone not null,
  primary key (store_id, sha2)
);

create table xapi_attachment_chunk (
  upload_id  varchar(36) not null,
  n          integer     not null,
  bytes      bytea       not null,
  primary key (upload_id, n)
);
