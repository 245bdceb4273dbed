/**
 * @module simulator/script-host/parameters: each script's param() block as data, and binding of
 * the literal arguments to it with PowerShell's rules for what the scripts use: names without
 * regard to case or by unique prefix, [string] and [int] conversion, [switch] (only `-Name:$true`
 * or `-Name:$false`), Mandatory (not empty), ValidateSet (any case). A failure is the error record
 * PowerShell would write.
 */
import type { ArgumentValue, PowerShellErrorRecord } from '../../../remoting/powershell/index.js';
import type { ClusterScriptName } from '../../scripts/index.js';

export interface ParameterSpec {
  readonly name: string;
  /** The declared type; [string] when absent. */
  readonly type?: 'int' | 'switch';
  readonly mandatory?: boolean;
  readonly validateSet?: readonly string[];
  readonly default?: string;
}

/** Mirrors the param() blocks of src/cluster/scripts/*.ps1 (a test compares them). */
export const scriptParameters: Readonly<Record<ClusterScriptName, readonly ParameterSpec[]>> = {
  'list-nodes': [],
  'list-vms': [{ name: 'Node', default: '' }],
  'get-vm': [{ name: 'Name', mandatory: true }],
  'list-volumes': [],
  'migrate-vm': [
    { name: 'Vm', mandatory: true },
    { name: 'Node', mandatory: true },
    { name: 'MigrationType', validateSet: ['Live', 'Quick'], default: 'Live' },
  ],
  'watch-migration': [{ name: 'Vm', mandatory: true }, { name: 'Node', mandatory: true }],
  'cancel-migration': [{ name: 'Vm', mandatory: true }],
  'pause-node': [{ name: 'Node', mandatory: true }],
  'resume-node': [
    { name: 'Node', mandatory: true },
    { name: 'Failback', validateSet: ['Immediate', 'NoFailback', 'Policy'], default: 'NoFailback' },
  ],
  'move-volume': [{ name: 'Volume', mandatory: true }, { name: 'Node', mandatory: true }],
  'validate-cluster': [{ name: 'IncludeStorage', type: 'switch' }],
  'set-vm-power': [
    { name: 'Vm', mandatory: true },
    { name: 'Action', mandatory: true, validateSet: ['Start', 'Shutdown', 'TurnOff', 'Save', 'Restart'] },
  ],
  'checkpoint-vm': [{ name: 'Vm', mandatory: true }, { name: 'Name', default: '' }],
  'list-checkpoints': [{ name: 'Vm', mandatory: true }],
  'list-events': [{ name: 'SinceMinutes', type: 'int', mandatory: true }, { name: 'About', default: '' }],
};

/** A parameter binding failure, carrying the record PowerShell would report. */
export class ParameterBindingError extends Error {
  override readonly name = 'ParameterBindingError';
  constructor(readonly record: PowerShellErrorRecord) {
    super(record.message);
  }
}

function bindingError(message: string, errorId: string, category = 'InvalidArgument', target = ''): ParameterBindingError {
  return new ParameterBindingError({
    message, category, fullyQualifiedErrorId: errorId, targetName: target, targetType: 'String',
    reason: 'ParameterBindingException', activity: '',
  });
}

/** How PowerShell turns a literal into [string]: numbers as written, booleans True/False, arrays joined by spaces. */
function asString(value: ArgumentValue): string {
  if (Array.isArray(value)) return (value as readonly ArgumentValue[]).map(asString).join(' ');
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

function resolve(specs: readonly ParameterSpec[], given: string): ParameterSpec {
  const wanted = given.toLowerCase();
  const exact = specs.find((spec) => spec.name.toLowerCase() === wanted);
  if (exact) return exact;
  const matches = specs.filter((spec) => spec.name.toLowerCase().startsWith(wanted));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    const names = matches.map((spec) => `-${spec.name}`).join(' ');
    throw bindingError(`Parameter cannot be processed because the parameter name '${given}' is ambiguous. Possible matches include: ${names}.`, 'AmbiguousParameter');
  }
  throw bindingError(`A parameter cannot be found that matches parameter name '${given}'.`, 'NamedParameterNotFound', 'InvalidArgument', given);
}

/** [int] and [switch] take what PowerShell would convert; anything else is the binder's error. */
function convert(spec: ParameterSpec, value: ArgumentValue): string {
  if (spec.type === 'switch') {
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    throw bindingError(`A positional parameter cannot be found that accepts argument '${asString(value)}'.`, 'PositionalParameterNotFound', 'InvalidArgument', asString(value));
  }
  const text = asString(value);
  if (spec.type === 'int' && !(typeof value === 'number' ? Number.isInteger(value) : /^\s*[+-]?\d+\s*$/.test(text))) {
    throw bindingError(
      `Cannot process argument transformation on parameter '${spec.name}'. Cannot convert value "${text}" to type "System.Int32". Error: "Input string was not in a correct format."`,
      'ParameterArgumentTransformationError', 'InvalidData', text);
  }
  return spec.type === 'int' ? String(Number(text)) : text;
}

function validate(spec: ParameterSpec, value: string): string {
  if (spec.mandatory && value === '') {
    throw bindingError(`Cannot bind argument to parameter '${spec.name}' because it is an empty string.`,
      'ParameterArgumentValidationErrorEmptyStringNotAllowed', 'InvalidData');
  }
  if (!spec.validateSet) return value;
  const member = spec.validateSet.find((allowed) => allowed.toLowerCase() === value.toLowerCase());
  if (member === undefined) {
    throw bindingError(
      `Cannot validate argument on parameter '${spec.name}'. The argument "${value}" does not belong to the set ` +
        `"${spec.validateSet.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`,
      'ParameterArgumentValidationError', 'InvalidData');
  }
  return member;
}

/**
 * The arguments bound to the script's parameters, by canonical parameter name, defaults filled
 * in; a ValidateSet value is returned as the set spells it. Throws ParameterBindingError.
 */
export function bindParameters(script: ClusterScriptName, args: Readonly<Record<string, ArgumentValue>>): Record<string, string> {
  const specs = scriptParameters[script];
  const bound: Record<string, string> = {};
  for (const [given, value] of Object.entries(args)) {
    const spec = resolve(specs, given);
    if (Object.hasOwn(bound, spec.name)) {
      throw bindingError(`Cannot bind parameter because parameter '${spec.name}' is specified more than once.`, 'ParameterAlreadyBound');
    }
    bound[spec.name] = validate(spec, convert(spec, value));
  }
  const missing = specs.filter((spec) => spec.mandatory && !Object.hasOwn(bound, spec.name)).map((spec) => spec.name);
  if (missing.length > 0) {
    throw bindingError(`Cannot process command because of one or more missing mandatory parameters: ${missing.join(' ')}.`, 'MissingMandatoryParameter');
  }
  for (const spec of specs) {
    if (Object.hasOwn(bound, spec.name)) continue;
    if (spec.default !== undefined) bound[spec.name] = spec.default;
    else if (spec.type === 'switch') bound[spec.name] = 'False';
  }
  return bound;
}
