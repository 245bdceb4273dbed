/** Fuzz: the command parser takes anything typed in chat and only ever throws a CommandError. */
import fc from 'fast-check';
import { commands } from '../../commands/index.js';
import { CommandError } from '../../src/core/errors.js';
import { createParser } from '../../src/core/parser.js';
import { fuzzRuns, pieces } from './fuzz-settings.js';

const parser = createParser(commands);
const clusters = ['demo', 'prod-a'];
const words = fc.constantFrom(
  'migrate', 'drain', 'vm', 'vms', 'on', 'to', 'node2', 'vm42', 'job', 'jobs', 'audit', 'deny', 'approve', '#3', '3', '--what-if',
  '--cluster', '--since', '2h', '--force', '"', "'", '\u201C', '\u201D', '--', '-', '=', 'help', 'prod-a', 'stop', 'checkpoint', ' ', '\u00a0',
);
const typed = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), pieces(fc.array(words, { maxLength: 30 }), ' '));

function parseOrCommandError(text: string): void {
  try {
    const parsed = parser.parse(text, clusters);
    expect(typeof parsed.spec.name).toBe('string');
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    // What comes back quotes the input short, never a pasted page.
    expect(error.message.length).toBeLessThan(600);
  }
}

test('any text: a parsed command or a CommandError, nothing else', () => {
  fc.assert(fc.property(typed, parseOrCommandError), fuzzRuns(800));
});

test('regression: oversized input is refused before tokenizing', () => {
  for (const text of ['x'.repeat(40_000), `"${'a'.repeat(5000)}`, 'vm '.repeat(2000)]) parseOrCommandError(text);
});
