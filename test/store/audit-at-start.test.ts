/**
 * At start the bot reads the end of its audit log: a torn last line left by a failed append or a
 * crash is moved aside and the operator told in the log before the first command (issue 12 point 3).
 */
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.js';
import { createSystemClock } from '../../src/cluster/clock.js';
import { parseConfig } from '../../src/config/load-config.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import { createFileAuditLog } from '../../src/store/audit-file.js';
import { verifyAuditFile } from '../../src/store/audit-verify.js';
import { readRecordedAuditHead } from '../../src/store/state-head.js';
import { createCapturingLogger } from '../support/capturing-logger.js';
import { createRecordingChat } from '../support/recording-chat.js';

let dir: string;
let runtime: Runtime | undefined;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-audit-start-'))));
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  await rm(dir, { recursive: true, force: true });
});

test('a torn last line is moved aside at start, the operator told, and the next entry continues the chain', async () => {
  const auditFile = join(dir, 'audit.jsonl');
  await createFileAuditLog(auditFile).append({ at: '2026-12-03T08:00:00.000Z', event: 'requested', requestId: 1 });
  await appendFile(auditFile, '{"at":"2026-12-03T08:01:00.000Z","event":"appro');
  const config = parseConfig(
    {
      clusters: [{ name: 'demo', kind: 'simulated', transport: 'direct' }],
      users: [{ name: 'alice', console: 'alice', roles: { '*': 'operator' } }],
      state: { file: join(dir, 'state.json'), auditFile },
    },
    'test',
  );
  const logger = createCapturingLogger();
  const chat = createRecordingChat({ now: () => Date.now() });
  runtime = await buildRuntime({ config, clock: createSystemClock(), adapters: [chat.adapter('console')], specs: commands, logger });
  const aside = (await readdir(dir)).filter((n) => n.startsWith('audit.jsonl.torn-'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe('{"at":"2026-12-03T08:01:00.000Z","event":"appro');
  expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining(`moved it to ${join(dir, aside[0]!)}`) }));
  await runtime.bot.start();
  await chat.deliver({ kind: 'command', actor: { platform: 'console', id: 'alice', name: 'alice' }, where: { platform: 'console', conversation: 't' }, text: 'migrate vm42 to node2' });
  expect(await verifyAuditFile(auditFile, await readRecordedAuditHead(join(dir, 'state.json')))).toMatchObject({ ok: true, count: 2, note: 'matches the head the state file recorded (2 entries)' });
});
