/**
 * @module wsman/fault: turns a SOAP fault into a typed error: `f:WSManFault` (code, machine,
 * reason, provider fault) → WSManFaultError; `MSFT_WmiError` (how quota faults arrive) →
 * WmiQuotaError; a bare fault (OMI) → WSManFaultError without a code. [MS-WSMV] 2.2.4.43
 */
import { WmiQuotaError, WSManFaultError, type ProviderFault } from '../errors.js';
import { Namespace } from './constants.js';
import { child, descendant, path, textOf, type WsmanMessage } from './parse.js';
import type { Element } from '@xmldom/xmldom';

function uint(text: string | undefined | null): number | undefined {
  const trimmed = text?.trim();
  return trimmed && /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Local name of a QName value such as `w:TimedOut`. */
function localPart(qname: string | undefined): string | undefined {
  if (!qname) return undefined;
  const colon = qname.indexOf(':');
  return colon >= 0 ? qname.slice(colon + 1) : qname;
}

function readProviderFault(wsmanFault: Element): ProviderFault | undefined {
  const provider = descendant(wsmanFault, Namespace.wsmanFault, 'ProviderFault');
  if (!provider) return undefined;
  // A provider fault may wrap a nested WSManFault whose Message is the useful text.
  const nested = descendant(provider, Namespace.wsmanFault, 'Message');
  return {
    provider: provider.getAttribute('provider')?.trim() ?? '',
    path: provider.getAttribute('path') ?? '',
    message: textOf(nested) || textOf(provider) || '',
  };
}

function readWmiError(detail: Element, subcode: string | undefined, reason: string): WmiQuotaError | undefined {
  const wmi = child(detail, Namespace.wmiError, 'MSFT_WmiError');
  if (!wmi) return undefined;
  const field = (local: string) => textOf(child(wmi, Namespace.wmiError, local));
  return new WmiQuotaError(
    uint(field('error_Code')),
    subcode,
    field('Message') || field('error_WindowsErrorMessage') || reason,
    field('MessageID'),
    uint(field('CIMStatusCode')),
  );
}

/** The fault this message carries, as a typed error, or undefined when it is not a fault. */
export function readFault(message: WsmanMessage): WSManFaultError | WmiQuotaError | undefined {
  const fault = child(message.body, Namespace.soap, 'Fault');
  if (!fault) return undefined;
  const subcode = localPart(
    textOf(path(fault, [[Namespace.soap, 'Code'], [Namespace.soap, 'Subcode'], [Namespace.soap, 'Value']])),
  );
  const reason = textOf(path(fault, [[Namespace.soap, 'Reason'], [Namespace.soap, 'Text']])) ?? '';
  const detail = child(fault, Namespace.soap, 'Detail');
  const wmi = detail ? readWmiError(detail, subcode, reason) : undefined;
  if (wmi) return wmi;
  const wsmanFault = detail ? child(detail, Namespace.wsmanFault, 'WSManFault') : undefined;
  if (!wsmanFault) return new WSManFaultError(undefined, subcode, undefined, reason, undefined);
  const providerFault = readProviderFault(wsmanFault);
  const wsmanText = providerFault ? undefined : textOf(child(wsmanFault, Namespace.wsmanFault, 'Message'));
  return new WSManFaultError(
    uint(wsmanFault.getAttribute('Code')),
    subcode,
    wsmanFault.getAttribute('Machine')?.trim() || undefined,
    reason || wsmanText || '',
    providerFault,
  );
}
