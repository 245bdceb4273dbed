/**
 * @module config/teams-schema: the `teams` section of the config file, and how it becomes
 * the Teams adapter's settings. Secrets are never in the file: `…Env` fields name the
 * environment variables that hold them, and a variable that is named but not set stops the
 * start with an error naming it (never its value).
 */
import { dirname, join } from 'node:path';
import { z } from 'zod';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
/** An Entra tenant id: the GUID that activities carry (channelData.tenant.id), never a domain name. */
export const tenantId = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'a tenant id is a GUID (Entra admin center → Overview → Tenant ID), not a domain name');
export const TEAMS_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;

export const teamsConfig = z
  .object({
    /** Port of POST /api/messages (the Azure Bot's messaging endpoint points here). */
    port: z.number().int().min(0).max(65535).default(3978),
    /** Interface to listen on; default 127.0.0.1, behind the TLS reverse proxy (docs/teams-setup.md). */
    host: z.string().min(1).optional(),
    /**
     * The Entra tenants whose people may use the bot: activities from any other tenant are
     * refused (403). Required unless withoutCredentials.
     */
    tenants: z.array(tenantId).min(1).optional(),
    /** Used when the variable named by appTypeEnv is not set. New Azure bots are single-tenant. */
    appType: z.enum(TEAMS_APP_TYPES).default('SingleTenant'),
    appIdEnv: envName.default('MicrosoftAppId'),
    appPasswordEnv: envName.default('MicrosoftAppPassword'),
    tenantIdEnv: envName.default('MicrosoftAppTenantId'),
    appTypeEnv: envName.default('MicrosoftAppType'),
    /**
     * true: no credentials at all; botbuilder then accepts unsigned requests, so the
     * endpoint listens on 127.0.0.1 only, for local tools such as the Agents Playground.
     */
    withoutCredentials: z.boolean().default(false),
    /** Conversation references and live cards; default teams-directory.json beside state.file. */
    directoryFile: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((teams, ctx) => {
    if (teams.withoutCredentials || teams.tenants) return;
    ctx.addIssue({
      code: 'custom',
      path: ['tenants'],
      message:
        'required when the bot has Teams credentials: list the Entra tenant id(s) whose people may use the bot, e.g. "tenants": ["<your tenant id>"]; activities from other tenants are refused',
    });
  });

export type TeamsConfig = z.infer<typeof teamsConfig>;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

/** A secret or setting the config names in the environment is missing or wrong. */
export class TeamsEnvironmentError extends Error {
  override readonly name = 'TeamsEnvironmentError';
  constructor(
    readonly field: string,
    readonly variable: string,
    readonly problem: 'not-set' | 'invalid',
  ) {
    super(
      problem === 'not-set'
        ? `Teams: the environment variable ${variable} (named by teams.${field}) is not set.`
        : `Teams: the environment variable ${variable} (named by teams.${field}) must be one of ${TEAMS_APP_TYPES.join(', ')}.`,
    );
  }
}

export interface TeamsSettings {
  port: number;
  host?: string;
  tenants?: string[];
  credentials?: { appId: string; appType: TeamsAppType; appPassword?: string; tenantId?: string };
  /** 'memory' when the bot's own state is in memory. */
  directoryFile: string;
}

export function teamsSettings(teams: TeamsConfig, stateFile: string, env: NodeJS.ProcessEnv): TeamsSettings {
  const directoryFile = teams.directoryFile ?? (stateFile === 'memory' ? 'memory' : join(dirname(stateFile), 'teams-directory.json'));
  const base = { port: teams.port, ...(teams.host ? { host: teams.host } : {}), ...(teams.tenants ? { tenants: teams.tenants } : {}), directoryFile };
  if (teams.withoutCredentials) return base;
  const read = (field: 'appIdEnv' | 'appPasswordEnv' | 'tenantIdEnv' | 'appTypeEnv', required: boolean) => {
    const value = env[teams[field]]?.trim();
    if (!value && required) throw new TeamsEnvironmentError(field, teams[field], 'not-set');
    return value || undefined;
  };
  const typed = read('appTypeEnv', false);
  const appType = TEAMS_APP_TYPES.find((t) => t.toLowerCase() === (typed ?? teams.appType).toLowerCase());
  if (!appType) throw new TeamsEnvironmentError('appTypeEnv', teams.appTypeEnv, 'invalid');
  const appId = read('appIdEnv', true)!;
  const appPassword = read('appPasswordEnv', appType !== 'UserAssignedMSI');
  const tenantId = read('tenantIdEnv', appType !== 'MultiTenant');
  return {
    ...base,
    credentials: { appId, appType, ...(appType !== 'UserAssignedMSI' && appPassword ? { appPassword } : {}), ...(tenantId ? { tenantId } : {}) },
  };
}

/** The tenant a user's Teams id belongs to: their teamsTenant, or the one tenant configured. */
export function tenantOfUser(user: { teamsTenant?: string }, tenants: readonly string[] | undefined): string | undefined {
  return user.teamsTenant ?? (tenants?.length === 1 ? tenants[0] : undefined);
}
