/** Fuzz: any text shown on a Teams card reads as written and forms no link, mention, tag, list or emphasis. */
import fc from 'fast-check';
import { literal } from '../../adapters/teams/card-text.js';
import { constructs, shown } from '../adapters/teams/helpers/markdown-constructs.js';
import { fuzzRuns, pieces } from './fuzz-settings.js';

const markup = fc.constantFrom('[', ']', '(', ')', '<', '>', '/', 'at', 'a', '*', '**', '_', '`', '\\', '&', 'lt;', '#', '-', '+', '1.', '2)', ' ', '\n', 'http', '://', 'www.', 'x.example', 'img', '!', '~', '|');
const hostile = pieces(fc.array(fc.oneof(markup, fc.string({ maxLength: 3 })), { maxLength: 40 })).filter((s) => !s.includes('\u2060'));

test('escaped text shows exactly what was typed and nothing a renderer would turn into markup', () => {
  fc.assert(
    fc.property(hostile, (text) => {
      const escaped = literal(text);
      expect(shown(escaped)).toBe(text);
      expect(constructs(escaped)).toEqual({ escaped: [], naive: [] });
    }),
    fuzzRuns(3000),
  );
});
