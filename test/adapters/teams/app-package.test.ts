/**
 * The Teams app package: the committed manifest has what Teams requires and its command
 * list matches the command registry; the package zip holds the manifest with the bot's
 * id and the two icons at the sizes Teams asks for; `npm run teams:package` writes it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { commands } from '../../../commands/index.js';
import { isActionCommand } from '../../../src/core/command-spec.js';
import { buildAppPackage, buildManifest, manifestProblems, ManifestInvalidError, type TeamsManifest } from '../../../adapters/teams/app/app-package.js';
import { colourIcon, outlineIcon } from '../../../adapters/teams/app/icons.js';
import { manifestCommands, TEAMS_COMMAND_MENU } from '../../../adapters/teams/app/manifest-commands.js';

const APP_DIR = join(process.cwd(), 'adapters/teams/app');
const BOT_ID = '7d2c1f7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const template = async () => JSON.parse(await readFile(join(APP_DIR, 'manifest.json'), 'utf8')) as TeamsManifest;

/** Reads a zip's central directory and inflates each entry ([APPNOTE] 4.3.12, 4.3.16). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, size, nameLength, extra, comment, offset] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 24), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)];
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const packed = zip.readUInt32LE(at + 20);
    const dataAt = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const data = method === 8 ? inflateRawSync(zip.subarray(dataAt, dataAt + packed)) : zip.subarray(dataAt, dataAt + packed);
    expect(data.length).toBe(size);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Width, height and the RGBA pixels of an 8-bit RGBA PNG. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.concat(Array.from({ length: height }, (_, y) => raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1))));
  return { width, height, pixels };
}

describe('Teams app manifest', () => {
  test('the committed manifest has every required field, a current schema and the three bot scopes', async () => {
    const m = await template();
    expect(manifestProblems(m)).toEqual([]);
    expect(Number(m.manifestVersion)).toBeGreaterThanOrEqual(1.24);
    expect(m.bots[0]!.scopes).toEqual(['team', 'groupChat', 'personal']);
  });

  test('its command list comes from the registry: the menu\'s commands with their usage, help first, none of the card buttons (if this fails, paste the expected list into manifest.json)', async () => {
    const listed = (await template()).bots[0]!.commandLists;
    expect(listed).toEqual([{ scopes: ['team', 'groupChat', 'personal'], commands: manifestCommands(commands) }]);
    const titles = listed[0]!.commands.map((c) => c.title);
    expect(titles).toEqual([...TEAMS_COMMAND_MENU]);
    expect(titles[0]).toBe('help');
    const typed = commands.filter((s) => !isActionCommand(s)).map((s) => s.name);
    for (const title of titles) expect(typed).toContain(title);
    expect(titles).not.toContain('approve');
    expect(() => manifestCommands(commands, ['help', 'frobnicate'])).toThrow(/frobnicate/);
    expect(() => manifestCommands(commands, typed)).toThrow(/at most|holds 12/);
    expect(listed[0]!.commands.find((c) => c.title === 'migrate')!.description).toMatch(/^migrate <vm> to <node>: /);
  });

  test('problems are named: a missing privacy URL, a long short name, a bot id that is not a GUID, a missing scope', async () => {
    const m = await template();
    const broken: TeamsManifest = {
      ...m,
      developer: { ...m.developer, privacyUrl: '' },
      name: { short: 'Hyper-V ChatOps for every failover cluster' },
      bots: [{ ...m.bots[0]!, botId: 'my-bot', scopes: ['team', 'personal'] }],
    };
    expect(manifestProblems(broken)).toEqual(
      expect.arrayContaining([
        'developer.privacyUrl is required',
        'name.short: 1 to 30 characters',
        'bots[0].botId must be a GUID',
        'bots[0].scopes must include team, groupChat, personal',
      ]),
    );
    expect(() => buildAppPackage(broken, { color: colourIcon(), outline: outlineIcon() })).toThrow(ManifestInvalidError);
  });
});

describe('Teams app package', () => {
  test('the zip holds the manifest with the bot id, a 192×192 colour icon and a 32×32 white-on-transparent outline', async () => {
    const manifest = buildManifest(await template(), { botId: BOT_ID, version: '1.2.3' });
    const files = unzip(buildAppPackage(manifest, { color: colourIcon(), outline: outlineIcon() }));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packed = JSON.parse(files.get('manifest.json')!.toString('utf8')) as TeamsManifest;
    expect(packed).toEqual(manifest);
    expect([packed.id, packed.bots[0]!.botId, packed.version]).toEqual([BOT_ID, BOT_ID, '1.2.3']);

    const colour = decodePng(files.get('color.png')!);
    expect([colour.width, colour.height]).toEqual([192, 192]);
    const outline = decodePng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const kinds = new Set<string>();
    for (let i = 0; i < outline.pixels.length; i += 4) kinds.add(outline.pixels[i + 3] === 0 ? 'transparent' : outline.pixels.subarray(i, i + 4).toString('hex'));
    expect([...kinds].sort()).toEqual(['ffffffff', 'transparent']);
  });

  test('the committed icons are the ones the code draws', async () => {
    expect(await readFile(join(APP_DIR, 'color.png'))).toEqual(colourIcon());
    expect(await readFile(join(APP_DIR, 'outline.png'))).toEqual(outlineIcon());
  });

  test('the teams:package script writes the zip for the bot id in MicrosoftAppId', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teams-package-'));
    try {
      const out = join(dir, 'app.zip');
      const { stdout } = await promisify(execFile)(join(process.cwd(), 'node_modules/.bin/tsx'), ['adapters/teams/app/package-app.ts', '--out', out], {
        env: { ...process.env, MicrosoftAppId: BOT_ID, NODE_OPTIONS: '' },
      });
      expect(stdout).toContain(`wrote ${out}`);
      const manifest = JSON.parse(unzip(await readFile(out)).get('manifest.json')!.toString('utf8')) as TeamsManifest;
      expect(manifest.bots[0]!.botId).toBe(BOT_ID);
      expect(manifest.bots[0]!.commandLists[0]!.commands).toEqual(manifestCommands(commands));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the organisation’s details come from a settings file of its own: no tracked file is edited; a wrong field is named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teams-package-'));
    try {
      const out = join(dir, 'app.zip');
      const settings = join(dir, 'teams-app.json');
      const developer = { name: 'Contoso IT', websiteUrl: 'https://it.contoso.com', privacyUrl: 'https://it.contoso.com/privacy', termsOfUseUrl: 'https://it.contoso.com/terms' };
      await writeFile(settings, JSON.stringify({ developer, name: { short: 'Contoso Hyper-V' }, accentColor: '#107C10' }));
      const committed = await readFile(join(APP_DIR, 'manifest.json'), 'utf8');
      const run = (file: string) => promisify(execFile)(join(process.cwd(), 'node_modules/.bin/tsx'), ['adapters/teams/app/package-app.ts', '--out', out, '--settings', file], {
        env: { ...process.env, MicrosoftAppId: BOT_ID, NODE_OPTIONS: '' },
      });
      const { stdout } = await run(settings);
      expect(stdout).not.toContain('example.com');
      const manifest = JSON.parse(unzip(await readFile(out)).get('manifest.json')!.toString('utf8')) as TeamsManifest;
      expect(manifest.developer).toEqual(developer);
      expect(manifest.name.short).toBe('Contoso Hyper-V');
      expect(manifest.accentColor).toBe('#107C10');
      expect(await readFile(join(APP_DIR, 'manifest.json'), 'utf8')).toBe(committed);

      await writeFile(settings, JSON.stringify({ developer: { ...developer, privacyUrl: 'http://it.contoso.com/privacy' }, colour: 'green' }));
      const refused = await run(settings).then(() => undefined, (error: { stderr: string; code: number }) => error);
      expect(refused?.code).toBe(1);
      expect(refused?.stderr).toContain('developer.privacyUrl');
      expect(refused?.stderr).toMatch(/colour/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
