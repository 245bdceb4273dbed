/** Parsing by namespace, not prefix: WinRb's Windows and OMI samples, faults of every shape. */
import { RelatesToMismatchError, WmiQuotaError, WSManFaultError, WsmanProtocolError } from '../../../src/remoting/errors.js';
import { FaultCode } from '../../../src/remoting/wsman/constants.js';
import { readFault } from '../../../src/remoting/wsman/fault.js';
import { checkRelatesTo, parseMessage, readReceive, readShellId } from '../../../src/remoting/wsman/parse.js';
import { readRecording, readWinrb } from './helpers/recordings.js';

describe('shell creation responses', () => {
  it('reads the ShellId of an OMI response (other prefixes, values padded with whitespace)', () => {
    const message = parseMessage(readWinrb('open_shell_omi.xml'));
    expect(readShellId(message)).toBe('74142DC5-E14D-4FCC-86ED-63DA3EE8407E');
    expect(message.relatesTo).toBe('uuid:C872AD16-50F1-4CD3-908B-35AED7E485B7');
    expect(message.action).toBe('http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse');
  });

  it('reads the ShellId from the SelectorSet when the response has no rsp:Shell (WinRb v2)', () => {
    expect(readShellId(parseMessage(readWinrb('open_shell_v2.xml')))).toBe('62DE33F0-8674-43D9-B6A5-3298012CC4CD');
  });

  it('falls back to rsp:Shell/rsp:ShellId when there is no SelectorSet', () => {
    const xml = readRecording('test_winrs_standard.yml')[0]?.response.replace(/<x:ResourceCreated>.*<\/x:ResourceCreated>/, '') ?? '';
    expect(xml).not.toContain('SelectorSet');
    expect(readShellId(parseMessage(xml))).toBe('4283CBDC-3706-415B-88BD-B385F3E51A53');
  });

  it('refuses a CreateResponse without any ShellId', () => {
    const xml = readWinrb('open_shell_v2.xml').replace(/<w:SelectorSet>[\s\S]*<\/w:SelectorSet>/, '');
    expect(() => readShellId(parseMessage(xml))).toThrow(WsmanProtocolError);
  });
});

describe('faults', () => {
  it('reads a v1 fault with a nested provider fault and an empty Machine', () => {
    const fault = readFault(parseMessage(readWinrb('soap_fault_v1.xml')));
    expect(fault).toBeInstanceOf(WSManFaultError);
    expect(fault).toMatchObject({ code: 2150858778, subcode: 'CannotProcessFilter', machine: undefined });
    expect((fault as WSManFaultError).providerFault).toEqual({
      provider: 'WMIv1 plugin for Windows Remote Management',
      path: '%systemroot%\\system32\\WsmWmiPl.dll',
      message: 'The specified class does not exist in the given namespace.',
    });
    expect(fault?.message).toContain('The specified class does not exist');
  });

  it('reads a v2 fault with its machine and provider', () => {
    const fault = readFault(parseMessage(readWinrb('soap_fault_v2.xml'))) as WSManFaultError;
    expect(fault).toMatchObject({ code: 2150858778, machine: 'localhost', subcode: 'CannotProcessFilter' });
    expect(fault.providerFault?.provider).toBe('WMI Provider');
    expect(fault.reason).toMatch(/^The data source could not process the filter/);
  });

  it('reads an OMI fault that has no WSManFault detail', () => {
    const fault = readFault(parseMessage(readWinrb('soap_fault_omi.xml')));
    expect(fault).toBeInstanceOf(WSManFaultError);
    expect(fault).toMatchObject({ code: undefined, subcode: 'InternalError', reason: 'get-instance: instance name parameter is missing' });
  });

  it('reads the quota fault that arrives as MSFT_WmiError', () => {
    const fault = readFault(parseMessage(readWinrb('wmi_error_v2.xml')));
    expect(fault).toBeInstanceOf(WmiQuotaError);
    expect(fault).toMatchObject({
      code: FaultCode.shellQuota,
      quota: 'shells',
      subcode: 'QuotaLimit',
      wmiMessageId: 'HRESULT 0x803381a5',
      cimStatusCode: 27,
    });
    expect(fault?.message).toContain('maximum number of 30 concurrent shells');
  });

  it('reads the recorded InvalidSelectors fault of a bad command id', () => {
    const response = readRecording('test_winrs_bad_cmd_id.yml')[2]?.response ?? '';
    const fault = readFault(parseMessage(response)) as WSManFaultError;
    expect(fault.code).toBe(FaultCode.shellNotFound);
    expect(fault.reason).toMatch(/invalid selectors/);
    expect(fault.message).toMatch(/no longer exists/);
  });

  it('finds no fault in a normal response', () => {
    expect(readFault(parseMessage(readWinrb('open_shell_v2.xml')))).toBeUndefined();
  });
});

describe('receive responses', () => {
  it('decodes every stream chunk as bytes with its command id and End flag', () => {
    const response = readRecording('test_winrs_send.yml')[4]?.response ?? '';
    const result = readReceive(parseMessage(response));
    const out = Buffer.concat(result.chunks.filter((c) => c.name === 'stdout').map((c) => c.data));
    expect(out.toString()).toBe('output 1\noutput 2\n');
    expect(new Set(result.chunks.map((c) => c.commandId))).toEqual(new Set(['B0973E54-434E-4D99-B4BE-ADE584CE3BFB']));
    expect(result.chunks.filter((c) => c.end).map((c) => c.name)).toEqual(['stdout', 'stderr']);
    expect(result).toMatchObject({ state: 'done', exitCode: 0, stateCommandId: 'B0973E54-434E-4D99-B4BE-ADE584CE3BFB' });
  });

  it('reports Running without an exit code and keeps large exit codes exact', () => {
    const base = readRecording('test_winrs_standard.yml')[2]?.response ?? '';
    const running = base.replace('CommandState/Done', 'CommandState/Running').replace(/<rsp:ExitCode>0<\/rsp:ExitCode>/, '');
    expect(readReceive(parseMessage(running))).toMatchObject({ state: 'running', exitCode: undefined });
    const crashed = base.replace('<rsp:ExitCode>0</rsp:ExitCode>', '<rsp:ExitCode>3221225477</rsp:ExitCode>');
    expect(readReceive(parseMessage(crashed)).exitCode).toBe(0xc0000005);
  });
});

describe('envelope checks', () => {
  it('accepts a response that relates to the request and refuses one that does not', () => {
    const message = parseMessage(readWinrb('open_shell_v2.xml'));
    expect(() => checkRelatesTo(message, 'uuid:ea2a7785-d8e6-4e28-8ad8-fc27156537b3')).not.toThrow();
    expect(() => checkRelatesTo(message, 'uuid:00000000-0000-0000-0000-000000000000')).toThrow(RelatesToMismatchError);
  });

  it('refuses text that is not XML, a non-SOAP document and a DOCTYPE', () => {
    expect(() => parseMessage('<html><body>Bad Gateway')).toThrow(WsmanProtocolError);
    expect(() => parseMessage('<a:Envelope xmlns:a="urn:other"><a:Body/></a:Envelope>')).toThrow(WsmanProtocolError);
    expect(() => parseMessage('<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')).toThrow(WsmanProtocolError);
  });
});
