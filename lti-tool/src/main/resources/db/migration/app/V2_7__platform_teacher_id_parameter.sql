-- A platform whose admin sets a custom parameter carrying the institute's teacher id (工号) at tool level, e.g. Moodle's
-- teacher_id=$Person.sourcedId, names it here; launches from it link the account to the roster's teacher by that
-- parameter when lis.person_sourcedid is absent. Null (the default): custom parameters are never trusted for linking.
alter table lti_platform add column teacher_id_parameter varchar(64);
