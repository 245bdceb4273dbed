/**
 * @module winrm-server/soap-endpoint: one plaintext SOAP request in, one SOAP answer out: the
 * response envelope with HTTP 200, or the fault envelope with HTTP 500; RelatesTo is always the
 * request's MessageID when it could be read.
 */
import type { RemotingLogger } from '../../../remoting/transport/logger.js';
import { buildResponseEnvelope } from './envelope.js';
import { buildFaultEnvelope, WinrsFault } from './faults.js';
import { parseRequest, peekMessageId } from './request.js';
import type { ServerStats } from './stats.js';
import type { RequestContext, WinrsService } from './winrs-service.js';

export interface SoapEndpointOptions {
  readonly service: WinrsService;
  readonly stats: ServerStats;
  /** f:WSManFault/@Machine. */
  readonly machine: string;
  readonly logger: RemotingLogger;
}

export type SoapAnswer = readonly [status: number, envelope: string];

export type SoapEndpoint = (soap: string, context: RequestContext) => Promise<SoapAnswer>;

export function createSoapEndpoint(options: SoapEndpointOptions): SoapEndpoint {
  const { service, stats, machine, logger } = options;
  return async (soap, context) => {
    let messageId: string | undefined;
    try {
      const request = parseRequest(soap);
      messageId = request.messageId;
      const reply = await service.handle(request, context);
      stats.operation(request.action ?? 'unknown');
      return [200, buildResponseEnvelope({ action: reply.action, relatesTo: messageId, body: reply.body })];
    } catch (error) {
      if (!(error instanceof WinrsFault)) logger.error({ error: (error as Error).name }, 'the WinRM simulator failed to answer');
      const fault = error instanceof WinrsFault ? error : new WinrsFault('providerFailure');
      stats.fault(fault.spec.wsmanCode);
      return [500, buildFaultEnvelope(fault, messageId ?? peekMessageId(soap), machine)];
    }
  };
}
