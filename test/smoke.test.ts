import { z } from 'zod';
test('zod parses under jest ESM', () => { expect(z.number().parse(2)).toBe(2); });
