-- Names and Role Provisioning: where a course's roster can be read (from its launches), and members the roster brought
-- in or saw leave. A member who leaves is marked, never deleted, so that their records stay with the course.
alter table course add column memberships_url varchar(1000);
alter table enrolment alter column last_launch_at drop not null;
alter table enrolment add column status varchar(16) default 'active' not null;
alter table enrolment add column synced_at timestamp with time zone;
