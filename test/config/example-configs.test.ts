/** The configuration examples in the README and the set-up guides are valid configurations. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load-config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The JSON blocks of a page that look like a whole configuration (they have `clusters`). */
function configExamples(page: string): unknown[] {
  const text = readFileSync(`${root}${page}`, 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>).filter((c) => 'clusters' in c);
}

test.each(['README.md', 'docs/teams-setup.md'])('the configuration examples in %s are valid', (page) => {
  const examples = configExamples(page);
  expect(examples.length).toBeGreaterThan(0);
  for (const example of examples) expect(() => parseConfig(example, page)).not.toThrow();
});
