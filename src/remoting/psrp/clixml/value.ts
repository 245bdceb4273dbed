/**
 * @module psrp/clixml/value: PowerShell objects as this client holds them ([MS-PSRP] 2.2.5).
 * Primitives map to JavaScript values (string, boolean, number, bigint for 64-bit integers past
 * 2^53, Date, Buffer, null); everything else is a PsObject with its type names, adapted and
 * extended properties, and a list, dictionary or primitive value when it wraps one.
 */

export type PsValue = null | string | boolean | number | bigint | Date | Buffer | PsObject | PsEnum | PsInteger | readonly PsValue[] | ReadonlyMap<PsValue, PsValue>;

/** An integer sent with an explicit CLIXML type (a bare JS number becomes I32 or I64 or Db). */
export class PsInteger {
  constructor(
    readonly type: 'I32' | 'I64' | 'U32' | 'U64' | 'I16' | 'U16' | 'By' | 'SB',
    readonly value: number | bigint,
  ) {}
}

/** An enum value: its type names (most derived first), name (ToString) and numeric value. */
export class PsEnum {
  constructor(
    readonly typeNames: readonly string[],
    readonly name: string,
    readonly value: number,
  ) {}
}

export interface PsObjectInit {
  readonly typeNames?: readonly string[];
  readonly toStringValue?: string;
  readonly adapted?: ReadonlyMap<string, PsValue>;
  readonly extended?: ReadonlyMap<string, PsValue>;
  readonly items?: readonly PsValue[];
  readonly entries?: ReadonlyMap<PsValue, PsValue>;
  readonly primitive?: PsValue;
}

export class PsObject {
  readonly typeNames: readonly string[];
  readonly toStringValue: string | undefined;
  /** `<Props>`: the .NET object's own properties. */
  readonly adapted: ReadonlyMap<string, PsValue>;
  /** `<MS>`: note properties added by PowerShell (all of a PSCustomObject's properties). */
  readonly extended: ReadonlyMap<string, PsValue>;
  readonly items: readonly PsValue[] | undefined;
  readonly entries: ReadonlyMap<PsValue, PsValue> | undefined;
  readonly primitive: PsValue | undefined;

  constructor(init: PsObjectInit) {
    this.typeNames = init.typeNames ?? [];
    this.toStringValue = init.toStringValue;
    this.adapted = init.adapted ?? new Map();
    this.extended = init.extended ?? new Map();
    this.items = init.items;
    this.entries = init.entries;
    this.primitive = init.primitive;
  }

  /** A property by name: extended first, then adapted, then those of a wrapped object (as PowerShell looks them up). */
  get(name: string): PsValue | undefined {
    if (this.extended.has(name)) return this.extended.get(name);
    if (this.adapted.has(name)) return this.adapted.get(name);
    return this.primitive instanceof PsObject ? this.primitive.get(name) : undefined;
  }

  isA(typeName: string): boolean {
    return this.typeNames.some((t) => t === typeName || t === `Deserialized.${typeName}`);
  }
}

export const PSCustomObjectTypeNames = ['System.Management.Automation.PSCustomObject', 'System.Object'] as const;

/** A `[pscustomobject]@{…}` to send: its properties in the order given. */
export function psCustomObject(properties: Readonly<Record<string, PsValue>>): PsObject {
  return new PsObject({ typeNames: PSCustomObjectTypeNames, extended: new Map(Object.entries(properties)) });
}

export function psEnum(typeName: string, name: string, value: number): PsEnum {
  return new PsEnum([typeName, 'System.Enum', 'System.ValueType', 'System.Object'], name, value);
}

/** A plain JSON-like view of a value: objects become records of their properties. */
export function toPlain(value: PsValue | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof PsEnum) return value.name;
  if (value instanceof PsInteger) return typeof value.value === 'bigint' ? value.value.toString() : value.value;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(toPlain(k)), toPlain(v)]));
  if (value instanceof PsObject) {
    if (value.items) return value.items.map(toPlain);
    if (value.entries) return toPlain(value.entries);
    if (value.primitive !== undefined && value.extended.size === 0) return toPlain(value.primitive);
    const own = Object.fromEntries([...value.adapted, ...value.extended].map(([k, v]) => [k, toPlain(v)]));
    // A wrapped object (`<Obj><Obj>…</Obj><MS>…</MS></Obj>`): its properties, then the wrapper's.
    return value.primitive instanceof PsObject ? { ...(toPlain(value.primitive) as object), ...own } : own;
  }
  return typeof value === 'bigint' ? value.toString() : value;
}
