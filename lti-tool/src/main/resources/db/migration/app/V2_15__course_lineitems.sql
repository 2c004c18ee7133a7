-- Assignment and Grade Services at the course level: where the course's line items container is (from its launches),
-- so that Weineng can keep an hours column (学时) in the LMS gradebook.
alter table course add column lineitems_url varchar(1000);
