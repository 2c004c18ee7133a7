-- Launch diagnostics: what LTI requests were refused, by which check, for which platform as the request named it
-- (unverified, for the admin's eyes only). Fixed sentences only: no token, no claim values beyond the issuer and client.
create table lti_refusal (
  id          varchar(36)   not null primary key,
  at          timestamp with time zone not null,
  endpoint    varchar(32)   not null,
  check_name  varchar(64)   not null,
  status      integer       not null,
  message     varchar(500)  not null,
  issuer      varchar(500),
  client_id   varchar(200)
);
create index ix_lti_refusal_at on lti_refusal (at);
