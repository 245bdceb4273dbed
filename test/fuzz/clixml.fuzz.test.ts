/** Fuzz: PowerShell's CLIXML stderr decodes without throwing, whatever it holds; encode → decode round-trips. */
import fc from 'fast-check';
import { decodeStderr, encodeClixml } from '../../src/remoting/powershell/clixml.js';
import { fuzzRuns, pieces } from './fuzz-settings.js';

const fragment = fc.constantFrom(
  '#< CLIXML\r\n', '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">', '</Objs>', '<Objs/>',
  '<S S="Error">', '<S S="warning">', '<S S="verbose">', '</S>', 'boom_x000D__x000A_', '_x0000_', '_xD800_', '_xZZZZ_',
  '<Obj S="progress" RefId="0">', '<Obj S="Error" RefId="1">', '</Obj>', '<TN RefId="0"><T>System.Object</T></TN>', '<TNRef RefId="9" />',
  '<MS>', '</MS>', '<AV>', '</AV>', '<ToString>', '</ToString>', '<Nil />', '<I32>', '</I32>', '<!DOCTYPE x>', '&lt;', '&#x0;', '<', '>', '\r\n', ' ',
  'At line:1 char:1\r\n', '+ CategoryInfo : NotSpecified\r\n', 'text',
);
const stderr = fc.oneof(fc.string({ maxLength: 300 }), pieces(fc.array(fragment, { maxLength: 30 })));
/** Text as PowerShell would write it on a stream: no control characters the XML cannot carry. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const line = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\u0000-\u001f\ud800-\udfff]/g, '').trim());

test('any stderr decodes into streams without throwing', () => {
  fc.assert(
    fc.property(stderr, (text) => {
      const decoded = decodeStderr(text);
      expect(Array.isArray(decoded.errorRecords)).toBe(true);
      expect(typeof decoded.text).toBe('string');
    }),
    fuzzRuns(1500),
  );
});

test('warnings and verbose lines round-trip through encodeClixml and decodeStderr', () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 4 }), fc.array(line, { maxLength: 4 }), (warnings, verbose) => {
      const decoded = decodeStderr(encodeClixml({ warnings, verbose }));
      expect(decoded.warnings.map((w) => w.trim())).toEqual(warnings);
      expect(decoded.verbose.map((v) => v.trim())).toEqual(verbose);
    }),
    fuzzRuns(500),
  );
});
