-- The OIDC login state is now a value the tool signs (ADR 0008): a login initiation writes nothing, and the nonce a
-- launch uses up is what makes its state single-use. The table of login states goes.
drop table lti_login_state;

-- Used nonces are purged by age every ten minutes; the purge reads this index instead of the whole table.
create index ix_used_nonce_used_at on lti_used_nonce (used_at);

-- The in-frame session is a signed token too: nothing is written when a launch opens one, and any node reads it
-- without the database.
drop table frame_session;
