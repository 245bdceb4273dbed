/**
 * @module psrp/clixml/serialize: a PsValue as CLIXML ([MS-PSRP] 2.2.5): primitives as their
 * elements, arrays as `System.Object[]` lists, Maps and plain objects as Hashtables, PsObject
 * with its type names and properties, enums as their value with the type names. Type name
 * lists are written once and referenced (`TNRef`) after that, as PowerShell does.
 */
import { encodeClixmlString } from '../../powershell/clixml-escape.js';
import { UnserializableValueError } from '../errors.js';
import { PsEnum, PsInteger, PsObject, type PsValue } from './value.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const MAX_DEPTH = 64;

export type SerializableValue = PsValue | undefined | { readonly [key: string]: SerializableValue } | readonly SerializableValue[];

function nameAttr(name: string | undefined): string {
  return name === undefined ? '' : ` N="${encodeClixmlString(name).replace(/"/g, '&quot;')}"`;
}

function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'INF' : '-INF';
  return String(n).replace('e', 'E');
}

/** Writes one document's objects; RefIds and type-name references are per document. */
export class ClixmlWriter {
  private nextRef = 0;
  private nextTypeRef = 0;
  private readonly typeRefs = new Map<string, number>();
  private readonly seen = new Set<object>();

  /** The next object RefId, for callers that write an `<Obj>` of their own in this document. */
  ref(): number {
    return this.nextRef++;
  }

  write(value: SerializableValue, name?: string, depth = 0): string {
    if (depth > MAX_DEPTH) throw new UnserializableValueError(`nested deeper than ${MAX_DEPTH}`);
    const n = nameAttr(name);
    if (value === null || value === undefined) return `<Nil${n} />`;
    switch (typeof value) {
      case 'string':
        return `<S${n}>${encodeClixmlString(value)}</S>`;
      case 'boolean':
        return `<B${n}>${value}</B>`;
      case 'number':
        if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return `<I32${n}>${value}</I32>`;
        if (Number.isSafeInteger(value)) return `<I64${n}>${value}</I64>`;
        return `<Db${n}>${formatDouble(value)}</Db>`;
      case 'bigint':
        return `<I64${n}>${value}</I64>`;
      case 'object':
        return this.writeObject(value, n, depth);
      default:
        throw new UnserializableValueError(typeof value);
    }
  }

  private writeObject(value: object, n: string, depth: number): string {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new UnserializableValueError('Invalid Date');
      return `<DT${n}>${value.toISOString()}</DT>`;
    }
    if (Buffer.isBuffer(value)) return `<BA${n}>${value.toString('base64')}</BA>`;
    if (value instanceof PsInteger) return `<${value.type}${n}>${value.value}</${value.type}>`;
    if (value instanceof PsEnum) {
      return `<Obj${n} RefId="${this.nextRef++}">${this.typeNames(value.typeNames)}<ToString>${encodeClixmlString(value.name)}</ToString><I32>${value.value}</I32></Obj>`;
    }
    if (this.seen.has(value)) throw new UnserializableValueError('a value that contains itself');
    this.seen.add(value);
    try {
      if (Array.isArray(value)) return this.list(['System.Object[]', 'System.Array', 'System.Object'], value as SerializableValue[], n, depth);
      if (value instanceof Map) return this.dictionary([...(value as Map<SerializableValue, SerializableValue>).entries()], n, depth);
      if (value instanceof PsObject) return this.psObject(value, n, depth);
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new UnserializableValueError(value.constructor?.name ?? 'object');
      return this.dictionary(Object.entries(value as Record<string, SerializableValue>), n, depth);
    } finally {
      this.seen.delete(value);
    }
  }

  typeNames(names: readonly string[]): string {
    if (names.length === 0) return '';
    const key = names.join('\n');
    const known = this.typeRefs.get(key);
    if (known !== undefined) return `<TNRef RefId="${known}" />`;
    const id = this.nextTypeRef++;
    this.typeRefs.set(key, id);
    return `<TN RefId="${id}">${names.map((t) => `<T>${encodeClixmlString(t)}</T>`).join('')}</TN>`;
  }

  list(typeNames: readonly string[], items: readonly SerializableValue[], n: string, depth: number): string {
    const ref = this.nextRef++;
    const body = items.map((item) => this.write(item, undefined, depth + 1)).join('');
    return `<Obj${n} RefId="${ref}">${this.typeNames(typeNames)}<LST>${body}</LST></Obj>`;
  }

  private dictionary(entries: ReadonlyArray<readonly [SerializableValue, SerializableValue]>, n: string, depth: number): string {
    const ref = this.nextRef++;
    const body = entries
      .map(([key, value]) => `<En>${this.write(key, 'Key', depth + 1)}${this.write(value, 'Value', depth + 1)}</En>`)
      .join('');
    return `<Obj${n} RefId="${ref}">${this.typeNames(['System.Collections.Hashtable', 'System.Object'])}<DCT>${body}</DCT></Obj>`;
  }

  private psObject(value: PsObject, n: string, depth: number): string {
    const ref = this.nextRef++;
    const parts = [this.typeNames(value.typeNames)];
    if (value.toStringValue !== undefined) parts.push(`<ToString>${encodeClixmlString(value.toStringValue)}</ToString>`);
    if (value.primitive !== undefined) parts.push(this.write(value.primitive, undefined, depth + 1));
    if (value.items) parts.push(`<LST>${value.items.map((i) => this.write(i, undefined, depth + 1)).join('')}</LST>`);
    if (value.entries) {
      const body = [...value.entries].map(([k, v]) => `<En>${this.write(k, 'Key', depth + 1)}${this.write(v, 'Value', depth + 1)}</En>`);
      parts.push(`<DCT>${body.join('')}</DCT>`);
    }
    const props = (tag: string, map: ReadonlyMap<string, PsValue>) =>
      map.size ? `<${tag}>${[...map].map(([k, v]) => this.write(v, k, depth + 1)).join('')}</${tag}>` : '';
    parts.push(props('Props', value.adapted), props('MS', value.extended));
    return `<Obj${n} RefId="${ref}">${parts.join('')}</Obj>`;
  }
}

/** One value as a standalone CLIXML fragment (what a PSRP message's data holds). */
export function serialize(value: SerializableValue): string {
  return new ClixmlWriter().write(value);
}
