/**
 * @module psrp/message: [MS-PSRP] 2.2.1 PowerShell Remoting Protocol Message: Destination and
 * MessageType (little-endian), the runspace pool and pipeline GUIDs (in .NET byte order), and
 * the data: UTF-8 CLIXML, with or without a byte order mark.
 */
import { Destination, MessageHeaderLength, messageTypeName, type MessageTypeName, MessageType } from './constants.js';
import { MalformedMessageError } from './errors.js';

export interface PsrpMessage {
  readonly destination: 'client' | 'server';
  readonly type: number;
  readonly runspacePoolId: string;
  /** The pipeline's id; the empty GUID for runspace-pool messages. */
  readonly pipelineId: string;
  readonly data: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A GUID's 16 bytes as .NET's Guid.ToByteArray writes them (first three groups little-endian). */
export function guidToBytes(guid: string): Buffer {
  const hex = guid.replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new MalformedMessageError(`"${guid.slice(0, 40)}" is not a GUID`);
  const b = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8)]);
}

export function bytesToGuid(bytes: Buffer): string {
  const b = Buffer.concat([Buffer.from(bytes.subarray(0, 4)).reverse(), Buffer.from(bytes.subarray(4, 6)).reverse(), Buffer.from(bytes.subarray(6, 8)).reverse(), bytes.subarray(8, 16)]);
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function encodeMessage(m: PsrpMessage): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(Destination[m.destination], 0);
  header.writeUInt32LE(m.type, 4);
  return Buffer.concat([header, guidToBytes(m.runspacePoolId), guidToBytes(m.pipelineId), Buffer.from(m.data, 'utf8')]);
}

export function decodeMessage(bytes: Buffer): PsrpMessage {
  if (bytes.length < MessageHeaderLength) throw new MalformedMessageError(`a message of ${bytes.length} bytes is shorter than its header`);
  const destination = bytes.readUInt32LE(0);
  if (destination !== Destination.client && destination !== Destination.server) {
    throw new MalformedMessageError(`destination ${destination} is neither client nor server`);
  }
  let data = bytes.subarray(MessageHeaderLength);
  if (data.subarray(0, 3).equals(BOM)) data = data.subarray(3);
  return {
    destination: destination === Destination.client ? 'client' : 'server',
    type: bytes.readUInt32LE(4),
    runspacePoolId: bytesToGuid(bytes.subarray(8, 24)),
    pipelineId: bytesToGuid(bytes.subarray(24, 40)),
    data: data.toString('utf8'),
  };
}

/** A message for the server of this type, in this pool (and pipeline). */
export function toServer(type: MessageTypeName, runspacePoolId: string, pipelineId: string, data: string): PsrpMessage {
  return { destination: 'server', type: MessageType[type], runspacePoolId, pipelineId, data };
}

export function describeType(type: number): string {
  return messageTypeName(type) ?? `0x${type.toString(16)}`;
}
