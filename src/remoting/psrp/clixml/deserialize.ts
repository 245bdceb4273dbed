/**
 * @module psrp/clixml/deserialize: CLIXML ([MS-PSRP] 2.2.5) into PsValues, with caps: a document
 * larger than `maxChars`, nested deeper than `maxDepth` or with more than `maxNodes` elements is
 * refused with ClixmlLimitError before it can cost memory or stack (a CLIXML bomb). `Ref`s
 * resolve to the same object, so shared references never multiply.
 */
import { DOMParser, onErrorStopParsing, type Element } from '@xmldom/xmldom';
import { decodeClixmlString } from '../../powershell/clixml-escape.js';
import { ClixmlLimitError, ClixmlMalformedError } from '../errors.js';
import { PsEnum, PsObject, type PsObjectInit, type PsValue } from './value.js';

export interface ClixmlLimits {
  readonly maxChars: number;
  readonly maxDepth: number;
  readonly maxNodes: number;
}

export const DefaultClixmlLimits: ClixmlLimits = { maxChars: 16 * 1024 * 1024, maxDepth: 48, maxNodes: 500_000 };

function elements(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1);
}

const integerTypes = new Set(['I32', 'I16', 'U16', 'U32', 'By', 'SB']);

function bigOrNumber(text: string): number | bigint {
  const big = BigInt(text);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function readDouble(text: string): number {
  if (text === 'INF') return Infinity;
  if (text === '-INF') return -Infinity;
  return Number(text);
}

class Reader {
  private nodes = 0;
  private readonly objects = new Map<string, PsValue>();
  private readonly typeNames = new Map<string, string[]>();

  constructor(private readonly limits: ClixmlLimits) {}

  read(e: Element, depth: number): PsValue {
    if (depth > this.limits.maxDepth) throw new ClixmlLimitError('depth', this.limits.maxDepth);
    if (++this.nodes > this.limits.maxNodes) throw new ClixmlLimitError('nodes', this.limits.maxNodes);
    const tag = e.localName ?? '';
    if (tag === 'Obj') return this.readObject(e, depth);
    const text = e.textContent ?? '';
    if (integerTypes.has(tag)) return Number.parseInt(text, 10);
    switch (tag) {
      case 'Nil':
        return null;
      case 'S':
      case 'URI':
      case 'XD':
      case 'SBK':
        return decodeClixmlString(text);
      case 'C':
        return String.fromCharCode(Number.parseInt(text, 10));
      case 'B':
        return text.trim().toLowerCase() === 'true';
      case 'I64':
      case 'U64':
        return bigOrNumber(text.trim());
      case 'Db':
      case 'Sg':
      case 'D':
        return readDouble(text.trim());
      case 'DT':
        return new Date(text.trim());
      case 'TS':
      case 'G':
      case 'Version':
        return text.trim();
      case 'BA':
        return Buffer.from(text, 'base64');
      case 'PR':
        return this.readProgressRecord(e);
      case 'Ref':
        return this.objects.get(e.getAttribute('RefId') ?? '') ?? null;
      default:
        throw new ClixmlMalformedError(`unknown element <${tag}>`);
    }
  }

  /** `<PR>`: a ProgressRecord in its compact form (AV, AI, operation, PI, PC, T, SR, SD). */
  private readProgressRecord(e: Element): PsObject {
    const names: Readonly<Record<string, string>> = { AV: 'Activity', AI: 'ActivityId', PI: 'ParentActivityId', PC: 'PercentComplete', T: 'Type', SR: 'SecondsRemaining', SD: 'StatusDescription' };
    const extended = new Map<string, PsValue>();
    elements(e).forEach((c, i) => {
      const text = decodeClixmlString(c.textContent ?? '');
      const name = i === 2 ? 'CurrentOperation' : names[c.localName ?? ''];
      if (!name) return;
      extended.set(name, c.localName === 'Nil' ? null : /^(AI|PI|PC|SR)$/.test(c.localName ?? '') ? Number.parseInt(text, 10) : text.trim());
    });
    return new PsObject({ typeNames: ['System.Management.Automation.ProgressRecord'], extended });
  }

  private readTypeNames(e: Element): string[] {
    for (const c of elements(e)) {
      if (c.localName === 'TN') {
        const names = elements(c).map((t) => decodeClixmlString(t.textContent ?? ''));
        this.typeNames.set(c.getAttribute('RefId') ?? '', names);
        return names;
      }
      if (c.localName === 'TNRef') return this.typeNames.get(c.getAttribute('RefId') ?? '') ?? [];
    }
    return [];
  }

  private properties(e: Element, depth: number): Map<string, PsValue> {
    const map = new Map<string, PsValue>();
    for (const c of elements(e)) map.set(decodeClixmlString(c.getAttribute('N') ?? ''), this.read(c, depth + 1));
    return map;
  }

  private readObject(e: Element, depth: number): PsValue {
    const typeNames = this.readTypeNames(e);
    let toString: string | undefined;
    let adapted: Map<string, PsValue> | undefined;
    let extended: Map<string, PsValue> | undefined;
    let items: PsValue[] | undefined;
    let entries: Map<PsValue, PsValue> | undefined;
    let primitive: PsValue | undefined;
    for (const c of elements(e)) {
      const tag = c.localName;
      if (tag === 'TN' || tag === 'TNRef') continue;
      if (tag === 'ToString') toString = decodeClixmlString(c.textContent ?? '');
      else if (tag === 'Props') adapted = this.properties(c, depth);
      else if (tag === 'MS') extended = this.properties(c, depth);
      else if (tag === 'LST' || tag === 'IE' || tag === 'STK' || tag === 'QUE') items = elements(c).map((i) => this.read(i, depth + 1));
      else if (tag === 'DCT') entries = this.dictionary(c, depth);
      else primitive = this.read(c, depth + 1);
    }
    const value = this.build(typeNames, toString, { adapted, extended, items, entries, primitive });
    const ref = e.getAttribute('RefId');
    if (ref !== null) this.objects.set(ref, value);
    return value;
  }

  private dictionary(e: Element, depth: number): Map<PsValue, PsValue> {
    const map = new Map<PsValue, PsValue>();
    for (const en of elements(e)) {
      const [key, value] = elements(en);
      if (!key || !value) throw new ClixmlMalformedError('a dictionary entry without Key and Value');
      map.set(this.read(key, depth + 2), this.read(value, depth + 2));
    }
    return map;
  }

  private build(typeNames: string[], toString: string | undefined, parts: Omit<PsObjectInit, 'typeNames' | 'toStringValue'>): PsValue {
    if (typeNames.includes('System.Enum') && typeof parts.primitive === 'number' && !parts.extended?.size) {
      return new PsEnum(typeNames, toString ?? String(parts.primitive), parts.primitive);
    }
    return new PsObject({ typeNames, toStringValue: toString, ...parts });
  }
}

function parse(xml: string, limits: ClixmlLimits): Element {
  if (xml.length > limits.maxChars) throw new ClixmlLimitError('size', limits.maxChars);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new ClixmlMalformedError('a DOCTYPE or entity declaration');
  try {
    const root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
    if (!root) throw new ClixmlMalformedError('an empty document');
    return root;
  } catch (error) {
    if (error instanceof ClixmlMalformedError) throw error;
    throw new ClixmlMalformedError('not well-formed XML');
  }
}

/** One CLIXML value (a message's data: `<Obj>…</Obj>`, `<S>…</S>`, …). */
export function deserialize(xml: string, limits: ClixmlLimits = DefaultClixmlLimits): PsValue {
  return new Reader(limits).read(parse(xml.trim(), limits), 0);
}

/** An `<Objs>` document (what `Export-Clixml` writes): its objects in order. */
export function deserializeDocument(xml: string, limits: ClixmlLimits = DefaultClixmlLimits): PsValue[] {
  const root = parse(xml.trim(), limits);
  const reader = new Reader(limits);
  return root.localName === 'Objs' ? elements(root).map((e) => reader.read(e, 1)) : [reader.read(root, 0)];
}
