-- Every statement POST asks whether any stored voiding statement already targets the incoming ids
-- (store_id = ? and voiding_target in (...)). No index served it, so each POST scanned the store's statements and
-- ingest slowed as the store grew. Most rows have no voiding target; both databases keep the index small for them.
create index ix_statement_voiding on xapi_statement (store_id, voiding_target);
