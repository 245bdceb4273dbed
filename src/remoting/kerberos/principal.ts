/** @module kerberos/principal: principal names ([RFC 4120] 5.2.2, 6.2) as text and as DER. */
import { context, fields, generalString, integer, readInteger, readString, required, sequence, children, parse, DerTag, type DerNode } from './der.js';
import { NameType } from './constants.js';

export interface Principal {
  readonly nameType: number;
  /** `['HTTP', 'node1.example.com']`, `['alice']`. */
  readonly components: readonly string[];
  readonly realm: string;
}

/** `HTTP/node1.example.com@EXAMPLE.COM`. */
export const principalText = (p: Principal) => `${p.components.join('/')}@${p.realm}`;

/** Parses `name[/instance]@REALM`; the realm from `defaultRealm` when the text has none. */
export function parsePrincipal(text: string, defaultRealm = '', nameType: number = NameType.PRINCIPAL): Principal {
  const at = text.lastIndexOf('@');
  const name = at < 0 ? text : text.slice(0, at);
  return { nameType, components: name.split('/'), realm: at < 0 ? defaultRealm : text.slice(at + 1) };
}

export const samePrincipal = (a: Principal, b: Principal) =>
  a.realm.toUpperCase() === b.realm.toUpperCase() && a.components.join('/').toLowerCase() === b.components.join('/').toLowerCase();

/** PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }. */
export function encodePrincipalName(p: Principal): Buffer {
  return sequence(context(0, integer(p.nameType)), context(1, sequence(...p.components.map(generalString))));
}

export function decodePrincipalName(node: DerNode, realm: string): Principal {
  const f = fields(node);
  const names = parse(required(f, 1, 'name-string').raw, DerTag.SEQUENCE);
  return { nameType: readInteger(required(f, 0, 'name-type')), components: children(names).map(readString), realm };
}
