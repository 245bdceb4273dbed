/**
 * @module winrm-server/faults: a WS-Management fault raised while serving a request
 * (WinrsFault, thrown by the handlers) and its SOAP form: `s:Fault` with Code, Subcode, Reason
 * and a `f:WSManFault` detail, or for quotas the `MSFT_WmiError` detail Windows sends instead.
 * Sent with HTTP 500. [MS-WSMV] 2.2.4.43
 */
import { Action, Namespace } from '../../../remoting/wsman/constants.js';
import { element } from '../../../remoting/wsman/xml.js';
import { ServerFault, type FaultSpec, type ServerFaultName } from './constants.js';
import { buildResponseEnvelope } from './envelope.js';

export class WinrsFault extends Error {
  override readonly name = 'WinrsFault';
  readonly spec: FaultSpec;
  constructor(
    readonly fault: ServerFaultName,
    /** The quota a quota fault reports. */
    readonly quota?: number,
  ) {
    const spec: FaultSpec = ServerFault[fault];
    super(`${spec.subcode} (${spec.wsmanCode})`);
    this.spec = spec;
  }

  get reason(): string {
    return this.spec.reason.replace('{n}', String(this.quota ?? ''));
  }
}

const CIM = 'http://schemas.dmtf.org/wbem/wscim/1/common';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const CIM_BINDING = 'http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd';
/** CIM_Error.CIMStatusCode 27: CIM_ERR_SERVER_LIMITS_EXCEEDED, what Windows reports with quota faults. */
const CIM_SERVER_LIMITS_EXCEEDED = 27;

function wsmanFaultDetail(fault: WinrsFault, machine: string): string {
  const { spec } = fault;
  const message = spec.provider
    ? element('f:Message', {}, [element('f:ProviderFault', { provider: spec.provider, path: '%systemroot%\\system32\\winrscmd.dll' }, { text: fault.reason })])
    : element('f:Message', {}, { text: fault.reason });
  const wsman = element('f:WSManFault', { 'xmlns:f': Namespace.wsmanFault, Code: String(spec.wsmanCode), Machine: machine }, [message]);
  return spec.faultDetail ? element('w:FaultDetail', {}, { text: spec.faultDetail }) + wsman : wsman;
}

function wmiErrorDetail(fault: WinrsFault): string {
  const typed = (local: string, type: string, text: string) => element(`p:${local}`, { 'xsi:type': `cim:${type}` }, { text });
  const hresult = `HRESULT 0x${fault.spec.wsmanCode.toString(16)}`;
  return element(
    'p:MSFT_WmiError',
    { 'b:IsCIM_Error': 'true', 'xmlns:b': CIM_BINDING, 'xmlns:cim': CIM, 'xmlns:p': Namespace.wmiError, 'xsi:type': 'p:MSFT_WmiError_Type', 'xmlns:xsi': XSI },
    [
      typed('CIMStatusCode', 'cimUnsignedInt', String(CIM_SERVER_LIMITS_EXCEEDED)),
      typed('Message', 'cimString', fault.reason),
      typed('MessageID', 'cimString', hresult),
      typed('error_Category', 'cimUnsignedInt', '30'),
      typed('error_Code', 'cimUnsignedInt', String(fault.spec.wsmanCode)),
      typed('error_Type', 'cimString', 'HRESULT'),
      typed('error_WindowsErrorMessage', 'cimString', fault.reason),
    ],
  );
}

/** The whole fault envelope; `machine` goes in f:WSManFault/@Machine. */
export function buildFaultEnvelope(fault: WinrsFault, relatesTo: string | undefined, machine: string): string {
  const { spec } = fault;
  const detail = spec.detail === 'wmi-error' ? wmiErrorDetail(fault) : wsmanFaultDetail(fault, machine);
  const body = element('s:Fault', {}, [
    element('s:Code', {}, [element('s:Value', {}, { text: spec.code }), element('s:Subcode', {}, [element('s:Value', {}, { text: spec.subcode })])]),
    element('s:Reason', {}, [element('s:Text', { 'xml:lang': 'en-US' }, { text: fault.reason })]),
    element('s:Detail', {}, [detail]),
  ]);
  return buildResponseEnvelope({ action: Action.fault, relatesTo, body });
}
