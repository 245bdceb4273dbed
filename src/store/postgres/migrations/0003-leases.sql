-- One lease per cluster: the replica that holds it runs the cluster's jobs. Times are the
-- database's clock, so replicas whose clocks differ still agree on when a lease ran out.
CREATE TABLE leases (
  cluster     text        PRIMARY KEY,
  holder      text        NOT NULL,
  -- Raised at every change of holder: a write carries the generation it was made under (fencing).
  generation  bigint      NOT NULL,
  expires_at  timestamptz NOT NULL,
  renewed_at  timestamptz NOT NULL,
  -- Set when the holder let it go on a clean stop: the next one takes over at once.
  released    boolean     NOT NULL DEFAULT false
);
