/** @module simulator/inventory-file: reads a cluster inventory from a JSON file, with errors that name the file and the field. */
import { readFile } from 'node:fs/promises';
import { InventoryError } from '../errors.js';
import { resolveInventory, type ResolvedInventory } from './inventory.js';

/** Reads, parses and checks an inventory file; throws InventoryError (file, field, problem). */
export async function loadInventoryFile(path: string): Promise<ResolvedInventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new InventoryError(path, [{ field: '(file)', problem: reason }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InventoryError(path, [{ field: '(file)', problem: `not valid JSON: ${(err as Error).message}` }]);
  }
  return resolveInventory(raw, path);
}
