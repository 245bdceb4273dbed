/** The README and docs/ link only to files that are in the repository. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

test.each(pages)('%s links only to files inside the repository that exist', (page) => {
  const text = readFileSync(join(root, page), 'utf8');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l) && !l.startsWith('#'));
  for (const link of links) {
    const target = resolve(root, dirname(page), link.split('#')[0]!);
    expect(relative(root, target).startsWith('..')).toBe(false);
    expect(existsSync(target)).toBe(true);
  }
  expect(text).not.toContain('shared/design.md');
});

test('the README links the architecture page', () => {
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('[docs/architecture.md](docs/architecture.md)');
});
