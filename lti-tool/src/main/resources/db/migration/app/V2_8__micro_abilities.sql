-- Micro-abilities: the catalogues (frameworks and their points, as data), a school's circled range, teachers'
-- selections, evidence submissions (their bytes are LRS attachments), reviews, resource promotion and overrides.
-- Portable SQL for H2 2.x and PostgreSQL 13+.

create table ma_framework (
  id          varchar(64)   not null primary key,
  name        varchar(200)  not null,
  name_en     varchar(200)  not null,
  version     varchar(32)   not null,
  source      varchar(2000),
  based_on    varchar(64)   references ma_framework (id),
  loaded_at   timestamp with time zone not null
);

-- guide: the point's evidence items (form, media types, size, rubric) and its data rule, as JSON text
create table ma_point (
  framework_id  varchar(64)   not null references ma_framework (id),
  code          varchar(16)   not null,
  position      integer       not null,
  name          varchar(200)  not null,
  name_en       varchar(200),
  environment   varchar(32)   not null,
  dimension     varchar(32)   not null,
  verified      boolean       not null,
  source        varchar(1000),
  related_code  varchar(16),
  guide         varchar       not null,
  corrected_at  timestamp with time zone,
  primary key (framework_id, code)
);

create table ma_range (
  school_id     varchar(64)  not null primary key references org_unit (id),
  framework_id  varchar(64)  not null references ma_framework (id),
  circled_at    timestamp with time zone not null
);

create table ma_range_point (
  school_id  varchar(64) not null references ma_range (school_id),
  code       varchar(16) not null,
  primary key (school_id, code)
);

create table ma_selection (
  person_id     varchar(36)  not null references person (id),
  framework_id  varchar(64)  not null references ma_framework (id),
  code          varchar(16)  not null,
  selected_at   timestamp with time zone not null,
  primary key (person_id, framework_id, code)
);

-- one row per upload; a 不合格 item is submitted again as the next attempt
create table ma_submission (
  id                varchar(36)  not null primary key,
  store_id          varchar(64)  not null references lrs_store (id),
  person_id         varchar(36)  not null references person (id),
  framework_id      varchar(64)  not null references ma_framework (id),
  code              varchar(16)  not null,
  item              varchar(32)  not null,
  attempt           integer      not null,
  filename          varchar(200),
  content_type      varchar(255) not null,
  length            bigint       not null,
  sha256            varchar(64)  not null,
  duration_seconds  integer,
  submitted_at      timestamp with time zone not null,
  statement_id      varchar(36)  not null,
  status            varchar(16)  not null,
  stage             varchar(32),
  constraint uq_submission_attempt unique (person_id, framework_id, code, item, attempt)
);
create index ix_submission_status on ma_submission (status, person_id);

-- a submission is graded once
create table ma_review (
  id             varchar(36)   not null primary key,
  submission_id  varchar(36)   not null unique references ma_submission (id),
  reviewer_id    varchar(36)   not null references person (id),
  role           varchar(32)   not null,
  level          varchar(16)   not null,
  comment        varchar(2000),
  decided_at     timestamp with time zone not null,
  statement_id   varchar(36)   not null
);

create table ma_promotion (
  submission_id  varchar(36)   not null references ma_submission (id),
  stage          varchar(32)   not null,
  promoter_id    varchar(36)   not null references person (id),
  role           varchar(32)   not null,
  comment        varchar(2000),
  promoted_at    timestamp with time zone not null,
  statement_id   varchar(36)   not null,
  primary key (submission_id, stage)
);

create table ma_override (
  person_id     varchar(36)   not null references person (id),
  framework_id  varchar(64)   not null references ma_framework (id),
  code          varchar(16)   not null,
  result        varchar(16)   not null,
  note          varchar(2000) not null,
  decided_by    varchar(100)  not null,
  decided_at    timestamp with time zone not null,
  statement_id  varchar(36)   not null,
  primary key (person_id, framework_id, code)
);
