/**
 * Fuzz: a WS-Management answer from the network parses or fails with a coded RemotingError,
 * whatever the bytes: random text, XML-looking fragments, and envelopes with random bodies.
 */
import fc from 'fast-check';
import { RemotingError } from '../../src/remoting/errors.js';
import { readFault } from '../../src/remoting/wsman/fault.js';
import { parseMessage, readCommandId, readMaxEnvelopeSizeKb, readReceive, readShellId } from '../../src/remoting/wsman/parse.js';
import { fuzzRuns, pieces } from './fuzz-settings.js';

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
const SHELL = 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell';
const fragment = fc.constantFrom(
  '<s:Body>', '</s:Body>', '<s:Header>', '</s:Header>', `<rsp:ReceiveResponse xmlns:rsp="${SHELL}">`, '</rsp:ReceiveResponse>',
  '<rsp:Stream Name="stdout" CommandId="1">', '</rsp:Stream>', 'QUJD', '<rsp:CommandState State="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done">',
  '</rsp:CommandState>', '<rsp:ExitCode>', '</rsp:ExitCode>', '7', '-1', '99999999999999999999', '<s:Fault>', '</s:Fault>', '<s:Code><s:Value>s:Receiver</s:Value></s:Code>',
  '<![CDATA[', ']]>', '&amp;', '&#0;', '&bogus;', '<!--', '-->', '<?xml version="1.0"?>', '<', '>', '"', 'xmlns:x="', '<x:', '/>', '<rsp:ShellId>', '</rsp:ShellId>',
);
const body = pieces(fc.array(fragment, { maxLength: 25 }));
const envelope = body.map((inner) => `<s:Envelope xmlns:s="${SOAP}" xmlns:rsp="${SHELL}"><s:Header/><s:Body>${inner}</s:Body></s:Envelope>`);
const xml = fc.oneof(fc.string({ maxLength: 400 }), body, envelope);

test('any answer: a message whose readers return or throw a RemotingError, nothing else', () => {
  fc.assert(
    fc.property(xml, (text) => {
      try {
        const message = parseMessage(text);
        for (const read of [readReceive, readShellId, readCommandId, readMaxEnvelopeSizeKb, readFault]) {
          try {
            read(message);
          } catch (error) {
            if (!(error instanceof RemotingError)) throw error;
          }
        }
      } catch (error) {
        if (!(error instanceof RemotingError)) throw error;
      }
    }),
    fuzzRuns(1500),
  );
});
