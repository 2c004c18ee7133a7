-- Organisations and people: the tree a programme runs on (province → city → county → school), classes (班级) and
-- workshops (工作坊) run by a school with members from any school (联片组班), roles, and what links a person's
-- identities. Portable SQL for H2 2.x and PostgreSQL 13+.

create table org_unit (
  id          varchar(64)  not null primary key,
  store_id    varchar(64)  not null references lrs_store (id),
  kind        varchar(16)  not null,
  code        varchar(20),
  name        varchar(200) not null,
  parent_id   varchar(64)  references org_unit (id),
  created_at  timestamp with time zone not null
);
create index ix_unit_parent on org_unit (store_id, parent_id);

create table org_group (
  id          varchar(64)  not null primary key,
  store_id    varchar(64)  not null references lrs_store (id),
  kind        varchar(16)  not null,
  name        varchar(200) not null,
  school_id   varchar(64)  not null references org_unit (id),
  created_at  timestamp with time zone not null,
  constraint uq_group unique (school_id, kind, name)
);

create table org_membership (
  group_id   varchar(64) not null references org_group (id),
  person_id  varchar(36) not null references person (id),
  role       varchar(32) not null,
  primary key (group_id, person_id, role)
);
create index ix_membership_person on org_membership (person_id);

create table org_unit_role (
  unit_id    varchar(64) not null references org_unit (id),
  person_id  varchar(36) not null references person (id),
  role       varchar(32) not null,
  primary key (unit_id, person_id, role)
);

-- the school a teacher works at (工作单位), and the institute's own id of the teacher (工号), which an LMS may send
-- as lis.person_sourcedid to link its account to the teacher
alter table person add column school_id varchar(64) references org_unit (id);
alter table person add column external_id varchar(100);
create unique index uq_person_external on person (store_id, external_id);
create index ix_person_school on person (school_id);

-- the identifier a ledger line was earned under, so that linking and unlinking move exactly its lines
alter table ledger_entry add column actor_ifi varchar(1024);
create index ix_ledger_actor on ledger_entry (store_id, actor_ifi);
