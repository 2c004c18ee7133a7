-- LTI Dynamic Registration: an admin's invitation, pasted into the LMS as the tool's registration URL. It names the
-- store and policy the registered platform feeds, is used once and expires; only its SHA-256 is kept.
create table lti_registration_invite (
  code_sha256  varchar(64)  not null primary key,
  store_id     varchar(64)  not null references lrs_store (id),
  policy_id    varchar(100) not null,
  name         varchar(200),
  created_at   timestamp with time zone not null,
  expires_at   timestamp with time zone not null,
  used_at      timestamp with time zone,
  platform_id  varchar(36)  references lti_platform (id)
);
