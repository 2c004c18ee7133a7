-- lti-tool schema, version 2 (version 1 is xapi-store's). Portable SQL for H2 2.x and PostgreSQL 13+.

create table admin_account (
  username      varchar(100) not null primary key,
  password_hash varchar(300) not null,
  created_at    timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);

-- LTI 1.3 platform registrations: one per (issuer, client_id).
create table lti_platform (
  id          varchar(36)   not null primary key,
  name        varchar(200)  not null,
  issuer      varchar(500)  not null,
  client_id   varchar(200)  not null,
  auth_url    varchar(1000) not null,
  token_url   varchar(1000),
  jwks_url    varchar(1000) not null,
  store_id    varchar(64)   not null references lrs_store (id),
  policy_id   varchar(100)  not null,
  created_at  timestamp with time zone not null,
  constraint uq_platform unique (issuer, client_id)
);

create table lti_deployment (
  platform_id   varchar(36)  not null references lti_platform (id),
  deployment_id varchar(200) not null,
  primary key (platform_id, deployment_id)
);

-- OIDC login state, in the database so that any node can finish a launch another node started.
create table lti_login_state (
  state           varchar(64)   not null primary key,
  nonce           varchar(64)   not null,
  platform_id     varchar(36)   not null references lti_platform (id),
  target_link_uri varchar(2000) not null,
  created_at      timestamp with time zone not null,
  expires_at      timestamp with time zone not null
);

-- Nonces of accepted id_tokens: a nonce is accepted once per platform.
create table lti_used_nonce (
  platform_id varchar(36) not null,
  nonce       varchar(64) not null,
  used_at     timestamp with time zone not null,
  primary key (platform_id, nonce)
);

-- The tool's signing keys (RSA); the public halves are served at /lti/jwks.
create table lti_tool_key (
  kid         varchar(64) not null primary key,
  private_jwk varchar     not null,
  created_at  timestamp with time zone not null,
  active      boolean     not null
);

-- People: one per learner per store, linked to every identity they are known by (LTI account, vendor mbox...).
create table person (
  id               varchar(36)  not null primary key,
  store_id         varchar(64)  not null references lrs_store (id),
  display_name     varchar(200),
  home_platform_id varchar(36),
  lti_subject      varchar(255),
  created_at       timestamp with time zone not null
);

create table person_identity (
  store_id   varchar(64)   not null,
  ifi        varchar(1024) not null,
  person_id  varchar(36)   not null references person (id),
  created_at timestamp with time zone not null,
  primary key (store_id, ifi)
);

create table course (
  id          varchar(36)  not null primary key,
  platform_id varchar(36)  not null references lti_platform (id),
  context_id  varchar(255) not null,
  title       varchar(500),
  label       varchar(200),
  created_at  timestamp with time zone not null,
  constraint uq_course unique (platform_id, context_id)
);

create table enrolment (
  course_id      varchar(36)   not null references course (id),
  person_id      varchar(36)   not null references person (id),
  roles          varchar(4000) not null,
  last_launch_at timestamp with time zone not null,
  primary key (course_id, person_id)
);

-- The hour ledger: what each stored statement earned under each policy rule set.
create table ledger_entry (
  id              bigint        not null primary key,
  store_id        varchar(64)   not null,
  person_id       varchar(36)   not null references person (id),
  policy_id       varchar(100)  not null,
  ruleset_version varchar(40)   not null,
  statement_id    varchar(36)   not null,
  activity_id     varchar(2048),
  bucket          varchar(64)   not null,
  seconds         bigint        not null,
  occurred_at     timestamp with time zone not null,
  rule_id         varchar(100)  not null,
  recorded_at     timestamp with time zone not null,
  constraint uq_ledger unique (policy_id, ruleset_version, store_id, statement_id, bucket)
);

create sequence ledger_entry_seq start with 50 increment by 50;

create index ix_ledger_person on ledger_entry (person_id, policy_id, ruleset_version);
create index ix_ledger_statement on ledger_entry (store_id, statement_id);
