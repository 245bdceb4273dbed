/**
 * @module teams/app/app-package: the app package to upload to Teams: manifest.json with the
 * bot's app id filled in, and the two icons, in one zip. Also the checks the manifest must
 * pass before Teams would accept it. (Its command list is committed in manifest.json and a
 * test holds it to the command registry: see manifest-commands.)
 */
import { MANIFEST_COMMAND_LIMITS, type ManifestCommand } from './manifest-commands.js';
import { writeZip } from './zip.js';

export const BOT_SCOPES = ['team', 'groupChat', 'personal'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; isNotificationOnly?: boolean; commandLists: { scopes: string[]; commands: ManifestCommand[] }[] }[];
  validDomains?: string[];
}

export interface PackageIds {
  /** The Azure Bot's Microsoft App Id. */
  botId: string;
  /** The Teams app's own id; the bot's by default. */
  appId?: string;
  version?: string;
}

export function buildManifest(template: TeamsManifest, ids: PackageIds): TeamsManifest {
  return {
    ...template,
    id: ids.appId ?? ids.botId,
    version: ids.version ?? template.version,
    bots: template.bots.map((bot) => ({ ...bot, botId: ids.botId })),
  };
}

/** What Teams checks first (required fields and their limits); empty when the manifest is fine. */
export function manifestProblems(m: TeamsManifest): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => void (ok || problems.push(what));
  need(/^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v\d+\.\d+\/MicrosoftTeams\.schema\.json$/.test(m.$schema) && m.$schema.includes(`v${m.manifestVersion}/`), '$schema must be the schema of manifestVersion');
  need(SEMVER.test(m.version), 'version must be MAJOR.MINOR.PATCH');
  need(GUID.test(m.id), 'id must be a GUID');
  for (const field of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) need(Boolean(m.developer?.[field]), `developer.${field} is required`);
  for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) need(m.developer?.[field]?.startsWith('https://') ?? false, `developer.${field} must be https`);
  need(Boolean(m.name?.short) && m.name.short.length <= 30, 'name.short: 1 to 30 characters');
  need(Boolean(m.description?.short) && m.description.short.length <= 80, 'description.short: 1 to 80 characters');
  need(Boolean(m.description?.full) && m.description.full.length <= 4000, 'description.full: 1 to 4000 characters');
  need(Boolean(m.icons?.color && m.icons?.outline), 'icons.color and icons.outline are required');
  need(/^#[0-9A-Fa-f]{6}$/.test(m.accentColor ?? ''), 'accentColor must be #RRGGBB');
  need(m.bots?.length === 1, 'exactly one bot');
  const bot = m.bots?.[0];
  need(Boolean(bot && GUID.test(bot.botId)), 'bots[0].botId must be a GUID');
  need(Boolean(bot && BOT_SCOPES.every((s) => bot.scopes.includes(s))), `bots[0].scopes must include ${BOT_SCOPES.join(', ')}`);
  for (const list of bot?.commandLists ?? []) {
    need(list.commands.length >= 1 && list.commands.length <= MANIFEST_COMMAND_LIMITS.commands, `a command list holds 1 to ${MANIFEST_COMMAND_LIMITS.commands} commands`);
    for (const c of list.commands) need(c.title.length <= MANIFEST_COMMAND_LIMITS.title && c.description.length <= MANIFEST_COMMAND_LIMITS.description, `command ${c.title}: title or description too long`);
  }
  return problems;
}

export class ManifestInvalidError extends Error {
  override readonly name = 'ManifestInvalidError';
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app manifest is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function buildAppPackage(manifest: TeamsManifest, icons: { color: Buffer; outline: Buffer }): Buffer {
  const problems = manifestProblems(manifest);
  if (problems.length) throw new ManifestInvalidError(problems);
  return writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: manifest.icons.color, data: icons.color },
    { name: manifest.icons.outline, data: icons.outline },
  ]);
}
