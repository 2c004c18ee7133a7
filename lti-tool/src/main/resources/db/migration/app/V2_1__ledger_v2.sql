-- Ledger version 2 (policy SPI 2): counters and topics on ledger lines, the course catalogue, course choices,
-- assessment scores, and the person attributes the rules need. Portable SQL for H2 2.x and PostgreSQL 13+.

-- what a teacher is, for the rules: 任教学段, 任教学科, and a birth year only with the teacher's consent
alter table person add column segment varchar(20);
alter table person add column subject varchar(40);
alter table person add column birth_year integer;
alter table person add column birth_year_consent_at timestamp with time zone;

-- a ledger line is seconds in a bucket or a count on a counter; topics as a |-separated list
alter table ledger_entry add column unit varchar(8) default 'seconds' not null;
alter table ledger_entry add column topics varchar(2000);
alter table ledger_entry add column catalogue_course_id varchar(100);

-- an institute's catalogue: what completing an activity (a Moodle course, a vendor's course) is worth
create table catalogue_course (
  store_id        varchar(64)   not null references lrs_store (id),
  id              varchar(100)  not null,
  activity_id     varchar(2048) not null,
  title           varchar(500)  not null,
  nominal_seconds bigint        not null,
  kind            varchar(64)   not null,
  topics          varchar(2000),
  created_at      timestamp with time zone not null,
  primary key (store_id, id),
  constraint uq_catalogue_activity unique (store_id, activity_id)
);

create table course_choice (
  person_id  varchar(36)  not null references person (id),
  store_id   varchar(64)  not null,
  course_id  varchar(100) not null,
  chosen_at  timestamp with time zone not null,
  primary key (person_id, course_id),
  constraint fk_choice_course foreign key (store_id, course_id) references catalogue_course (store_id, id)
);

create table assessment_score (
  id          varchar(36)    not null primary key,
  person_id   varchar(36)    not null references person (id),
  assessment  varchar(64)    not null,
  source      varchar(64)    not null,
  score_value numeric(12, 3) not null,
  score_max   numeric(12, 3) not null,
  recorded_at timestamp with time zone not null,
  created_at  timestamp with time zone not null
);
create index ix_score_person on assessment_score (person_id);
create index ix_ledger_store on ledger_entry (store_id, person_id);
