/**
 * @module config/slack-schema: the `slack` section of the config. Secrets are never here:
 * the `…Env` fields name the environment variables that hold them. An app token variable
 * means Socket Mode; without one, Slack posts to the HTTP receiver.
 */
import { z } from 'zod';

const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable (A-Z, 0-9, _), not the secret itself');

export const SLACK_CONFIG_DEFAULTS = {
  botTokenEnv: 'SLACK_BOT_TOKEN',
  signingSecretEnv: 'SLACK_SIGNING_SECRET',
  command: '/hyperv',
  /** 127.0.0.1: Slack posts over HTTPS to the TLS reverse proxy in front (docs/slack-setup.md). */
  http: { port: 3000, host: '127.0.0.1', path: '/slack/events' },
  apiUrl: 'https://slack.com/api/',
} as const;

export const slackConfig = z
  .object({
    /** Holds the bot token (xoxb-…). */
    botTokenEnv: envName.default(SLACK_CONFIG_DEFAULTS.botTokenEnv),
    /** Holds the signing secret; needed in HTTP mode only. */
    signingSecretEnv: envName.default(SLACK_CONFIG_DEFAULTS.signingSecretEnv),
    /** Holds the app-level token (xapp-…, connections:write); when set, Socket Mode is used. */
    appTokenEnv: envName.optional(),
    /** The slash command, as in manifest.json. */
    command: z
      .string()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command: "/" then up to 31 lower-case letters, digits, - or _')
      .default(SLACK_CONFIG_DEFAULTS.command),
    /** Where the HTTP receiver listens (HTTP mode). */
    http: z
      .object({
        port: z.number().int().min(0).max(65535).default(SLACK_CONFIG_DEFAULTS.http.port),
        host: z.string().min(1).default(SLACK_CONFIG_DEFAULTS.http.host),
        path: z.string().regex(/^\/\S*$/, 'a path starting with /').default(SLACK_CONFIG_DEFAULTS.http.path),
      })
      .strict()
      .default({ ...SLACK_CONFIG_DEFAULTS.http }),
    /** The Web API base URL: change it only for a proxy (or a test server). */
    apiUrl: z.url({ protocol: /^https?$/ }).default(SLACK_CONFIG_DEFAULTS.apiUrl),
    /** Posting rates the adapter keeps under; the defaults are Slack's documented floor. */
    limits: z
      .object({
        postsPerSecondPerChannel: z.number().positive().max(10).optional(),
        updatesPerMinute: z.number().positive().max(600).optional(),
        ephemeralsPerMinute: z.number().positive().max(600).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type SlackConfig = z.infer<typeof slackConfig>;

/** A secret the config points at is not in the environment; names the variables, never a value. */
export class SlackSecretMissingError extends Error {
  override readonly name = 'SlackSecretMissingError';
  readonly code = 'slack-secret-missing';
  constructor(readonly problems: readonly string[]) {
    super(`Slack is configured but a secret is missing:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface SlackSecrets {
  botToken: string;
  /** HTTP mode. */
  signingSecret?: string;
  /** Socket Mode. */
  appToken?: string;
}

/**
 * Reads the secrets from the environment variables the config names. A missing variable is
 * a startup error that names it (and never shows a value).
 */
export function readSlackSecrets(slack: SlackConfig, env: NodeJS.ProcessEnv): SlackSecrets {
  const problems: string[] = [];
  const read = (variable: string, what: string, field: string) => {
    const value = env[variable]?.trim();
    if (!value) problems.push(`slack.${field}: the environment variable ${variable} (the Slack ${what}) is not set`);
    return value ?? '';
  };
  const botToken = read(slack.botTokenEnv, 'bot token, xoxb-…', 'botTokenEnv');
  const secrets: SlackSecrets = slack.appTokenEnv
    ? { botToken, appToken: read(slack.appTokenEnv, 'app-level token, xapp-…', 'appTokenEnv') }
    : { botToken, signingSecret: read(slack.signingSecretEnv, 'signing secret', 'signingSecretEnv') };
  if (problems.length) throw new SlackSecretMissingError(problems);
  return secrets;
}
