-- What a credential may do (xAPI scopes, space-separated); credentials made before scopes existed may do everything.
alter table lrs_credential add column scopes varchar(200) default 'all' not null;
