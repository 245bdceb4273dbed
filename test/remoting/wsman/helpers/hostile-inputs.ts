/** @module test helper: what a hostile or broken WinRM server can send back (also used by `npm run bench -- hostile`). */

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
const CLIXML = 'http://schemas.microsoft.com/powershell/2004/04';

const envelope = (body: string) => `<s:Envelope xmlns:s="${SOAP}"><s:Header/><s:Body>${body}</s:Body></s:Envelope>`;

/** A response nested `levels` deep inside the Body. */
export const deepXml = (levels: number) => envelope(`${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}`);

/** A response with `count` sibling elements in the Body. */
export const wideXml = (count: number) => envelope('<x a="1">t</x>'.repeat(count));

/** A CLIXML error stream with one record nested `levels` deep. */
export const deepClixml = (levels: number) =>
  `#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="${CLIXML}"><Obj S="error" RefId="0">${'<Obj><MS>'.repeat(levels)}${'</MS></Obj>'.repeat(levels)}</Obj></Objs>`;

/** A CLIXML error stream with `count` warning records (legitimate, but large). */
export const manyClixmlRecords = (count: number) =>
  `#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="${CLIXML}">${'<S S="warning">a warning from the script_x000D__x000A_</S>'.repeat(count)}</Objs>`;

/** A CLIXML record with `count` elements in it. */
export const wideClixmlRecord = (count: number) =>
  `#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="${CLIXML}"><Obj S="error"><MS>${'<S N="p">v</S>'.repeat(count)}</MS></Obj></Objs>`;

/** A SOAP fault whose Reason says `text` (a RelatesTo-less fault, as some servers send). */
export const faultSaying = (text: string) =>
  envelope(
    `<s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code><s:Reason><s:Text xml:lang="en-US">${text}</s:Text></s:Reason>` +
      `<s:Detail><f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="5" Machine="node1"><f:Message>${text}</f:Message></f:WSManFault></s:Detail></s:Fault>`,
  );
