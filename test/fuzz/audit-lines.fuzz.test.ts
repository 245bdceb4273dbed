/**
 * Fuzz: whatever lines the audit file holds (torn, edited, not JSON, JSON that is no entry),
 * reading recent entries and verifying the chain never throw; entries appended read back equal.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { AuditEntry } from '../../src/core/audit.js';
import { createFileAuditLog } from '../../src/store/audit-file.js';
import { verifyAuditFile } from '../../src/store/audit-verify.js';
import { fuzzRuns } from './fuzz-settings.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-fuzz-audit-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const line = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.json(),
  fc.constantFrom('null', '5', '"text"', '[]', '{}', '{"at":5}', '{"event":"requested"}', '{"at":"2026-01-01T00:00:00Z","event":"requested","args":null}'),
);

test('any lines: recent() returns entries and verify returns a verdict, neither throws', async () => {
  const file = join(dir, 'audit.jsonl');
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 8 }), fc.string({ maxLength: 10 }), async (lines, about) => {
      await writeFile(file, lines.map((l) => l.replace(/\n/g, ' ')).join('\n'));
      const page = await createFileAuditLog(file).recent({ about: about || undefined, limit: 50 });
      expect(Array.isArray(page.entries)).toBe(true);
      const verdict = await verifyAuditFile(file);
      expect(typeof verdict.ok).toBe('boolean');
    }),
    fuzzRuns(300),
  );
});

test('regression: a line that is JSON but no entry (null, a number) is counted as unreadable, not a crash', async () => {
  const file = join(dir, 'not-entries.jsonl');
  await writeFile(file, 'null\n5\n"text"\n');
  const log = createFileAuditLog(file);
  expect(await log.recent({ about: 'bob' })).toEqual({ entries: [], unreadable: 3 });
  expect(await log.recent({})).toEqual({ entries: [], unreadable: 3 });
});

const entry: fc.Arbitrary<AuditEntry> = fc.record(
  {
    at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    event: fc.constantFrom('requested', 'approved', 'denied', 'job-succeeded'),
    requestId: fc.integer({ min: 1, max: 10_000 }),
    cluster: fc.constantFrom('prod-a', 'rehearsal'),
    detail: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: ['at', 'event'] },
);

test('entries appended are read back equal, in order', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 5 }), async (entries) => {
      const log = createFileAuditLog(join(dir, `round-trip-${n++}.jsonl`));
      for (const e of entries) await log.append(e);
      const back = (await log.recent({ limit: 50 })).entries;
      expect(back.map(({ prev: _prev, seq: _seq, ...rest }: AuditEntry & { prev?: string; seq?: number }) => rest)).toEqual(entries);
    }),
    fuzzRuns(60),
  );
});
