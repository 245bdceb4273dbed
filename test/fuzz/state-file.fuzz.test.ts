/**
 * Fuzz: whatever is in the state file at start, reading it gives a valid state or a coded
 * StateFileError naming the file (never a TypeError, never a half-read state); a state written
 * is read back equal.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createDurableJsonFile, StateFileError } from '../../src/store/durable-json-file.js';
import { stateDocumentSchema } from '../../src/store/state-schema.js';
import { fuzzRuns } from './fuzz-settings.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-fuzz-state-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const minimal = fc.record({
  version: fc.constant(1),
  nextRequestId: fc.integer({ min: 1, max: 1_000_000 }),
  requests: fc.constant([]),
  deliveries: fc.dictionary(fc.string({ maxLength: 20 }), fc.integer({ min: 0 })),
});
/** Valid documents with one field replaced by anything: reaches the schema's deeper checks. */
const mutated = fc.tuple(minimal, fc.constantFrom('version', 'nextRequestId', 'requests', 'deliveries'), fc.jsonValue()).map(([doc, key, value]) => ({ ...doc, [key]: value }));
const contents = fc.oneof(fc.string({ maxLength: 200 }), fc.json(), mutated.map((d) => JSON.stringify(d)));

test('any file content: a valid state or a StateFileError', async () => {
  const file = join(dir, 'state.json');
  const adapter = createDurableJsonFile(file, { schema: stateDocumentSchema as never, keepBackups: 0 });
  await fc.assert(
    fc.asyncProperty(contents, async (text) => {
      await writeFile(file, text);
      try {
        const state = (await adapter.read()) as { version: number } | null;
        expect(state?.version).toBe(1);
      } catch (error) {
        if (!(error instanceof StateFileError)) throw error;
      }
    }),
    fuzzRuns(300),
  );
});

test('a state written is read back equal', async () => {
  const file = join(dir, 'round-trip.json');
  const adapter = createDurableJsonFile(file, { schema: stateDocumentSchema as never, keepBackups: 0 });
  await fc.assert(
    fc.asyncProperty(minimal, async (doc) => {
      await adapter.write(doc as never);
      expect(await adapter.read()).toEqual(doc);
    }),
    fuzzRuns(100),
  );
});
