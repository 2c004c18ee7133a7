-- Tool key rotation: a key replaced by a newer one stays published (and verifiable) until retire_at, so platforms
-- that cached the tool's JWKS keep accepting what it signed before the rotation.
alter table lti_tool_key add column retire_at timestamp with time zone;
