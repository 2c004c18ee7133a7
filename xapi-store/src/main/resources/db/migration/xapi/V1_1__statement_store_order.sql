-- A store's statements in stored order: the ledger's cursor (store_id = ? and seq > ? order by seq) and an unfiltered
-- statement query read this index in order instead of scanning every statement of the store and sorting them, which
-- made each page of a cursor over a large store cost as much as the whole store on H2.
create index ix_statement_store_seq on xapi_statement (store_id, seq);
