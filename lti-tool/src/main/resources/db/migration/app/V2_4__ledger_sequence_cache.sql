-- A rebuild takes one ledger id per line from the sequence. H2 writes a sequence's state to disk each time its cache
-- runs out (32 values by default), which with WRITE_DELAY=0 is a store commit every 32 lines; a larger cache makes
-- that one commit per 10,000. Ids skipped after a crash are harmless.
alter sequence ledger_entry_seq cache 10000;
