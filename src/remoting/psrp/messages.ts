/**
 * @module psrp/messages: the data of the messages this client sends ([MS-PSRP] 2.2.2): the
 * session capability, the runspace pool's initialisation and CREATE_PIPELINE with commands and
 * their named parameters as CLIXML objects. Commands are names, never script text, unless a
 * caller at this layer asks for `isScript` (which a JEA endpoint refuses).
 */
import { ClixmlWriter, type SerializableValue } from './clixml/serialize.js';
import { ProtocolVersion } from './constants.js';

export interface PsCommand {
  readonly name: string;
  /** Named parameters; `true` for a switch. Undefined values are left out. */
  readonly parameters?: Readonly<Record<string, SerializableValue>>;
  readonly isScript?: boolean;
}

const enumTypes = (name: string) => [name, 'System.Enum', 'System.ValueType', 'System.Object'];
const ApartmentStateType = enumTypes('System.Management.Automation.Runspaces.ApartmentState');
const ResultTypes = enumTypes('System.Management.Automation.Runspaces.PipelineResultTypes');
const CommandListType = [
  'System.Collections.Generic.List`1[[System.Management.Automation.PSObject, System.Management.Automation, Version=1.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]',
  'System.Object',
];
const HOST_INFO =
  '<MS><B N="_isHostNull">true</B><B N="_isHostUINull">true</B><B N="_isHostRawUINull">true</B><B N="_useRunspaceHost">true</B></MS>';

/** [MS-PSRP] 2.2.2.1 SESSION_CAPABILITY */
export function sessionCapability(protocolVersion: string = ProtocolVersion.current): string {
  return (
    `<Obj RefId="0"><MS><Version N="protocolversion">${protocolVersion}</Version>` +
    `<Version N="PSVersion">${ProtocolVersion.psVersion}</Version>` +
    `<Version N="SerializationVersion">${ProtocolVersion.serialization}</Version></MS></Obj>`
  );
}

/** [MS-PSRP] 2.2.2.2 INIT_RUNSPACEPOOL */
export function initRunspacePool(minRunspaces: number, maxRunspaces: number): string {
  const w = new ClixmlWriter();
  const threadOptions = `<Obj N="PSThreadOptions" RefId="1">${w.typeNames(enumTypes('System.Management.Automation.Runspaces.PSThreadOptions'))}<ToString>Default</ToString><I32>0</I32></Obj>`;
  const apartment = `<Obj N="ApartmentState" RefId="2">${w.typeNames(ApartmentStateType)}<ToString>UNKNOWN</ToString><I32>2</I32></Obj>`;
  return (
    `<Obj RefId="0"><MS><I32 N="MinRunspaces">${minRunspaces}</I32><I32 N="MaxRunspaces">${maxRunspaces}</I32>` +
    `${threadOptions}${apartment}<Obj N="HostInfo" RefId="3">${HOST_INFO}</Obj><Nil N="ApplicationArguments" /></MS></Obj>`
  );
}

/** Writes objects with RefIds from one counter, as one CREATE_PIPELINE document. */
class PipelineWriter {
  constructor(private readonly w: ClixmlWriter) {}

  next(): number {
    return this.w.ref();
  }

  merge(name: string): string {
    return `<Obj N="${name}" RefId="${this.next()}">${this.w.typeNames(ResultTypes)}<ToString>None</ToString><I32>0</I32></Obj>`;
  }

  argument(name: string, value: SerializableValue): string {
    const ref = this.next();
    return `<Obj RefId="${ref}"><MS>${this.w.write(name, 'N')}${this.w.write(value, 'V')}</MS></Obj>`;
  }

  command(c: PsCommand): string {
    const head = `<Obj RefId="${this.next()}"><MS>${this.w.write(c.name, 'Cmd')}<B N="IsScript">${c.isScript === true}</B><Nil N="UseLocalScope" />`;
    const merges = ['MergeMyResult', 'MergeToResult', 'MergePreviousResults'].map((m) => this.merge(m)).join('');
    const argsRef = this.next();
    const args = Object.entries(c.parameters ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => this.argument(k, v))
      .join('');
    const streams = ['MergeError', 'MergeWarning', 'MergeVerbose', 'MergeDebug', 'MergeInformation'].map((m) => this.merge(m)).join('');
    return `${head}${merges}<Obj N="Args" RefId="${argsRef}">${this.w.typeNames(CommandListType)}<LST>${args}</LST></Obj>${streams}</MS></Obj>`;
  }

  commandList(name: string, commands: readonly PsCommand[]): string {
    const ref = this.next();
    return `<Obj N="${name}" RefId="${ref}">${this.w.typeNames(CommandListType)}<LST>${commands.map((c) => this.command(c)).join('')}</LST></Obj>`;
  }
}

/**
 * [MS-PSRP] 2.2.2.10 CREATE_PIPELINE: one or more statements, each a pipeline of commands.
 * With several statements they all go in ExtraCmds and the first also in Cmds (as PowerShell does).
 */
export function createPipeline(statements: readonly (readonly PsCommand[])[]): string {
  const w = new ClixmlWriter();
  const p = new PipelineWriter(w);
  const outer = p.next();
  const apartment = `<Obj N="ApartmentState" RefId="${p.next()}">${w.typeNames(ApartmentStateType)}<ToString>UNKNOWN</ToString><I32>2</I32></Obj>`;
  const streamOptions = `<Obj N="RemoteStreamOptions" RefId="${p.next()}">${w.typeNames(enumTypes('System.Management.Automation.Runspaces.RemoteStreamOptions'))}<ToString>AddInvocationInfo</ToString><I32>15</I32></Obj>`;
  const hostInfo = `<Obj N="HostInfo" RefId="${p.next()}">${HOST_INFO}</Obj>`;
  const psRef = p.next();
  let extra = '<Nil N="ExtraCmds" />';
  if (statements.length > 1) {
    const ref = p.next();
    const items = statements.map((s) => `<Obj RefId="${p.next()}"><MS>${p.commandList('Cmds', s)}</MS></Obj>`).join('');
    extra = `<Obj N="ExtraCmds" RefId="${ref}">${w.typeNames(CommandListType)}<LST>${items}</LST></Obj>`;
  }
  const cmds = p.commandList('Cmds', statements[0] ?? []);
  const powershell =
    `<Obj N="PowerShell" RefId="${psRef}"><MS><B N="IsNested">false</B>${extra}${cmds}` +
    '<Nil N="History" /><B N="RedirectShellErrorOutputPipe">false</B></MS></Obj>';
  return (
    `<Obj RefId="${outer}"><MS><B N="NoInput">true</B>${apartment}${streamOptions}<B N="AddToHistory">false</B>` +
    `${hostInfo}${powershell}<B N="IsNested">false</B></MS></Obj>`
  );
}

/** A command for messages: its name, for errors and logs (never its parameter values). */
export function describeStatements(statements: readonly (readonly PsCommand[])[]): string {
  return statements.map((s) => s.map((c) => (c.isScript ? '<script>' : c.name)).join(' | ')).join('; ');
}
