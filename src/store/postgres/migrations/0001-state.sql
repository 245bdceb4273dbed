-- The live state: requests and jobs (one row each, the whole OperationRequest in `body`),
-- the request id sequence, delivery keys already handled, and small named values.
CREATE SEQUENCE request_id;

CREATE TABLE requests (
  id          bigint PRIMARY KEY,
  state       text   NOT NULL,
  cluster     text   NOT NULL,
  -- When a decided request or a finished job stopped changing (ms since the epoch); null while active.
  settled_at  bigint,
  body        jsonb  NOT NULL
);
CREATE INDEX requests_active ON requests (cluster) WHERE state IN ('pending', 'approved', 'running');
CREATE INDEX requests_settled ON requests (settled_at) WHERE settled_at IS NOT NULL;

CREATE TABLE deliveries (
  key         text   PRIMARY KEY,
  expires_at  bigint NOT NULL
);

CREATE TABLE settings (
  name        text   PRIMARY KEY,
  value       jsonb  NOT NULL
);
