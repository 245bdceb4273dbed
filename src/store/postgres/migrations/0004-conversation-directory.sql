-- What chat adapters remember to reach people again (core/conversation-directory.ts), shared by
-- the replicas, so a card update or an announcement goes out from whichever runs the job. One
-- set of tables for every platform that needs one (today Teams): `platform` keeps them apart.
CREATE TABLE chat_conversations (
  platform    text   NOT NULL,
  id          text   NOT NULL,
  entry       jsonb  NOT NULL,
  PRIMARY KEY (platform, id)
);

-- A person's chat id (a Teams 29:… id) for their directory id (an Entra object id).
CREATE TABLE chat_users (
  platform      text NOT NULL,
  directory_id  text NOT NULL,
  user_id       text NOT NULL,
  PRIMARY KEY (platform, directory_id)
);

-- The cards shown, by conversation and message; only the newest few hundred per platform are kept.
CREATE TABLE chat_cards (
  platform      text   NOT NULL,
  conversation  text   NOT NULL,
  message_id    text   NOT NULL,
  updated_at    bigint NOT NULL,
  entry         jsonb  NOT NULL,
  PRIMARY KEY (platform, conversation, message_id)
);
CREATE INDEX chat_cards_age ON chat_cards (platform, updated_at);
