-- Assignment and Grade Services: which line item of which platform stands for which micro-ability task of which
-- person (learned from launches of deep-linked activities), and the scores to deliver, queued in the transaction of
-- the decision that caused them (a submission: PendingManual; a grade: FullyGraded), sent by a background worker
-- with retries, each at most once per decision and line item. Portable SQL for H2 2.x and PostgreSQL 13+.
create table ags_target (
  platform_id   varchar(36)   not null references lti_platform (id),
  lineitem      varchar(1000) not null,
  person_id     varchar(36)   not null references person (id),
  user_sub      varchar(255)  not null,
  framework_id  varchar(64)   not null,
  code          varchar(16)   not null,
  item          varchar(32)   not null,
  updated_at    timestamp with time zone not null,
  primary key (platform_id, lineitem, person_id)
);
create index ix_ags_target_task on ags_target (person_id, framework_id, code, item);

create table ags_score (
  id               varchar(36)   not null primary key,
  platform_id      varchar(36)   not null references lti_platform (id),
  lineitem         varchar(1000) not null,
  user_sub         varchar(255)  not null,
  decision         varchar(80)   not null,
  payload          varchar       not null,
  created_at       timestamp with time zone not null,
  attempts         integer       not null,
  next_attempt_at  timestamp with time zone not null,
  claimed_until    timestamp with time zone,
  sent_at          timestamp with time zone,
  failed_at        timestamp with time zone,
  superseded_at    timestamp with time zone,
  last_error       varchar(500),
  constraint uq_ags_score unique (decision, platform_id, lineitem, user_sub)
);
create index ix_ags_score_due on ags_score (next_attempt_at);
create index ix_ags_score_platform on ags_score (platform_id, created_at);
