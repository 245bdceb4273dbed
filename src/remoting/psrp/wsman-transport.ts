/**
 * @module psrp/wsman-transport: PSRP over WS-Management ([MS-PSRP] 3.1.5.3): the pool is a shell
 * on `http://schemas.microsoft.com/powershell/<configurationName>` created with the opening
 * fragments in `creationXml`; a pipeline is a Command whose CommandId is the pipeline id and
 * whose argument carries CREATE_PIPELINE; output comes from Receive on `stdout`; stop is the
 * PowerShell ctrl_c Signal; the pool closes with Delete.
 */
import { faultCodeOf } from '../errors.js';
import type { WsmanClient } from '../wsman/client.js';
import { FaultCode, WinrsOption } from '../wsman/constants.js';
import { readReceive, readShellId } from '../wsman/parse.js';
import { element } from '../wsman/xml.js';
import { DefaultConfigurationName, Fragment, NegotiatedMaxEnvelopeSize, PowerShellResourceUriPrefix, ProtocolVersion, WsmanPsrp } from './constants.js';
import { PoolBrokenError } from './errors.js';
import type { PsrpTransport } from './transport.js';

export interface WsmanPsrpOptions {
  readonly client: WsmanClient;
  /** The session configuration (JEA endpoint) name; `Microsoft.PowerShell` by default. */
  readonly configurationName?: string;
  readonly protocolVersion?: string;
}

const rsp = (local: string) => `rsp:${local}`;

export function powerShellResourceUri(configurationName: string = DefaultConfigurationName): string {
  return `${PowerShellResourceUriPrefix}${configurationName}`;
}

/** Fragment blob that keeps a Send (base64 in an envelope) under MaxEnvelopeSize. */
function maxBlob(client: WsmanClient, resourceUri: string, maxEnvelopeSize: number): number {
  const probe = client.envelope({ action: 'send', resourceUri, maxEnvelopeSize, selectors: { ShellId: '00000000-0000-0000-0000-000000000000' }, body: '<rsp:Send><rsp:Stream Name="stdin" CommandId="00000000-0000-0000-0000-000000000000"></rsp:Stream></rsp:Send>' });
  const room = maxEnvelopeSize - Buffer.byteLength(probe, 'utf8') - 512;
  return Math.floor(room / 4) * 3 - Fragment.headerLength;
}

export function createWsmanPsrpTransport(options: WsmanPsrpOptions): PsrpTransport {
  const { client } = options;
  const resourceUri = powerShellResourceUri(options.configurationName);
  let shellId: string | undefined;
  let broken: PoolBrokenError | undefined;
  let roundTrips = 0;
  let maxEnvelopeSize = client.maxEnvelopeSize;
  const selectors = () => ({ ShellId: shellId ?? '' });

  async function invoke(o: Parameters<WsmanClient['invoke']>[0]) {
    if (broken) throw broken;
    try {
      const reply = await client.invoke({ ...o, maxEnvelopeSize });
      roundTrips += 1;
      return reply;
    } catch (error) {
      roundTrips += 1;
      if (faultCodeOf(error) === FaultCode.shellNotFound) broken = new PoolBrokenError('the server no longer has the shell', false);
      throw broken ?? error;
    }
  }

  async function send(commandId: string | undefined, fragments: readonly Buffer[]) {
    for (const f of fragments) {
      const stream = element(rsp('Stream'), { Name: 'stdin', CommandId: commandId }, { text: f.toString('base64') });
      await invoke({ action: 'send', resourceUri, selectors: selectors(), body: element(rsp('Send'), {}, [stream]) });
    }
  }

  return {
    get maxFragmentBlob() {
      return maxBlob(client, resourceUri, maxEnvelopeSize);
    },
    negotiated(version) {
      const [major = 0, minor = 0] = version.split('.').map(Number);
      if (major > 2 || (major === 2 && minor >= 2)) maxEnvelopeSize = Math.max(maxEnvelopeSize, NegotiatedMaxEnvelopeSize);
    },
    endpoint: `${client.url} (${options.configurationName ?? DefaultConfigurationName})`,
    get roundTrips() {
      return roundTrips;
    },
    isBroken: () => broken !== undefined,
    async openPool(poolId, fragments) {
      const creation = element('creationXml', { xmlns: WsmanPsrp.creationXmlNamespace }, { text: Buffer.concat(fragments).toString('base64') });
      const body = element(rsp('Shell'), { ShellId: poolId.toUpperCase() }, [
        element(rsp('InputStreams'), {}, { text: WsmanPsrp.inputStreams }),
        element(rsp('OutputStreams'), {}, { text: WsmanPsrp.outputStreams }),
        creation,
      ]);
      const version = options.protocolVersion ?? ProtocolVersion.current;
      const reply = await invoke({ action: 'create', resourceUri, options: [{ name: WsmanPsrp.protocolVersionOption, value: version, mustComply: true }], body });
      shellId = readShellId(reply);
    },
    sendPool: (fragments) => send(undefined, fragments),
    async receive(pipelineId, signal) {
      const desired = element(rsp('DesiredStream'), { CommandId: pipelineId?.toUpperCase() }, { text: WsmanPsrp.outputStreams });
      try {
        const reply = await invoke({ action: 'receive', resourceUri, selectors: selectors(), options: [{ name: WinrsOption.keepAlive, value: 'True' }], body: element(rsp('Receive'), {}, [desired]), signal });
        return readReceive(reply).chunks.filter((c) => c.name === WsmanPsrp.outputStreams).map((c) => c.data);
      } catch (error) {
        if (faultCodeOf(error) === FaultCode.operationTimedOut) return [];
        throw error;
      }
    },
    async createPipeline(pipelineId, fragments) {
      const [first, ...rest] = fragments;
      const line = [element(rsp('Command'), {}), element(rsp('Arguments'), {}, { text: (first ?? Buffer.alloc(0)).toString('base64') })];
      const body = element(rsp('CommandLine'), { CommandId: pipelineId.toUpperCase() }, line);
      await invoke({ action: 'command', resourceUri, selectors: selectors(), options: [{ name: WinrsOption.skipCmdShell, value: 'False' }], body });
      if (rest.length) await send(pipelineId.toUpperCase(), rest);
    },
    async stopPipeline(pipelineId) {
      const body = element(rsp('Signal'), { CommandId: pipelineId.toUpperCase() }, [element(rsp('Code'), {}, { text: WsmanPsrp.stopSignal })]);
      await invoke({ action: 'signal', resourceUri, selectors: selectors(), body });
    },
    // The pipeline's command ends with it on the server; nothing to release (as pypsrp).
    closePipeline: async () => undefined,
    async close() {
      if (shellId && !broken) await invoke({ action: 'delete', resourceUri, selectors: selectors() }).catch(() => undefined);
      broken ??= new PoolBrokenError('the pool was closed', false);
      client.close();
    },
  };
}
