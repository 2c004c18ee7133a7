-- The in-frame session a launch opens: what the page's forms carry (a random token, stored only as its SHA-256) to
-- act as the launched person for a while (select points, upload evidence, grade), with what the page shows of the
-- launch (name, roles, titles, locale; never the id_token). Portable SQL for H2 2.x and PostgreSQL 13+.
create table frame_session (
  token_sha256  varchar(64)  not null primary key,
  person_id     varchar(36)  not null references person (id),
  store_id      varchar(64)  not null references lrs_store (id),
  platform_id   varchar(64)  not null,
  launch        varchar      not null,
  expires_at    timestamp with time zone not null
);
create index ix_frame_session_expiry on frame_session (expires_at);
