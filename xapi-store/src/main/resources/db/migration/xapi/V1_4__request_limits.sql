-- Counters of rate-limited requests (failed authentications, LTI login initiations), per bucket and fixed window,
-- shared by every node: each node adds its own counts about once a second and reads the totals back.
create table request_limit (
  bucket       varchar(200) not null,
  window_start bigint       not null,
  hits         bigint       not null,
  primary key (bucket, window_start)
);
create index ix_request_limit_window on request_limit (window_start);
