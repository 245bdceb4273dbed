/**
 * @module teams/app/package-app: `npm run teams:package`: writes the Teams app package
 * (manifest.json with the Azure Bot's app id filled in, and the two icons) to
 * dist/hyperv-chatops-teams.zip, after checking the manifest.
 *
 *   MicrosoftAppId=<bot app id> npm run teams:package [-- --settings <file>] [--app-id <teams app guid>] [--out <file>]
 *   --settings (or TEAMS_APP_SETTINGS): your developer, name and colour, in a file of your own
 *   npm run teams:package -- --icons     redraws color.png and outline.png from icons.ts
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAppPackage, buildManifest, type TeamsManifest } from './app-package.js';
import { applyAppSettings, parseAppSettings, type AppSettings } from './app-settings.js';
import { colourIcon, outlineIcon } from './icons.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { values } = parseArgs({ args: argv, options: { 'bot-id': { type: 'string' }, 'app-id': { type: 'string' }, out: { type: 'string' }, settings: { type: 'string' }, icons: { type: 'boolean' } } });
  const template = JSON.parse(await readFile(join(here, 'manifest.json'), 'utf8')) as TeamsManifest;
  if (values.icons) {
    await writeFile(join(here, template.icons.color), colourIcon());
    await writeFile(join(here, template.icons.outline), outlineIcon());
    return `redrew ${template.icons.color} and ${template.icons.outline}`;
  }
  const botId = values['bot-id'] ?? env.MicrosoftAppId;
  if (!botId) throw new Error("Set MicrosoftAppId to the Azure Bot's app id (or pass --bot-id).");
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const settingsFile = values.settings ?? env.TEAMS_APP_SETTINGS;
  const settings: AppSettings = settingsFile ? parseAppSettings(JSON.parse(await readFile(settingsFile, 'utf8')), settingsFile) : {};
  const appId = values['app-id'] ?? env.TEAMS_APP_ID ?? settings.appId;
  const manifest = buildManifest(applyAppSettings(template, settings), { botId, appId, version });
  const icons = { color: await readFile(join(here, template.icons.color)), outline: await readFile(join(here, template.icons.outline)) };
  const out = resolve(values.out ?? join(root, 'dist', 'hyperv-chatops-teams.zip'));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, buildAppPackage(manifest, icons));
  const placeholder = Object.values(manifest.developer).some((v) => v.includes('example.com'));
  const note = placeholder ? "\nnote: developer.* in manifest.json still point at example.com; set your organisation's pages before publishing." : '';
  return `wrote ${out} (app ${manifest.id}, bot ${botId}, ${manifest.bots[0]!.commandLists[0]!.commands.length} commands)${note}`;
}

run(process.argv.slice(2), process.env).then(
  (done) => process.stdout.write(`${done}\n`),
  (error: unknown) => {
    process.stderr.write(`teams:package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
