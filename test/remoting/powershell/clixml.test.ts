import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeClixmlString, encodeClixmlString } from '../../../src/remoting/powershell/clixml-escape.js';
import { decodeStderr, encodeClixml, encodeClixmlError } from '../../../src/remoting/powershell/clixml.js';

const FIXTURES = join(process.cwd(), 'test/remoting/powershell/fixtures/pypsrp');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const NS = 'xmlns="http://schemas.microsoft.com/powershell/2004/04"';
const objs = (inner: string): string => `<Objs Version="1.1.0.1" ${NS}>${inner}</Objs>`;

describe('decodeStderr on real powershell.exe stderr (pypsrp fixtures)', () => {
  test('the error document gives one error record with its fields', () => {
    const decoded = decodeStderr(fixture('test_sanitise_clixml_with_error.xml'));
    expect(decoded.errorRecords).toEqual([
      {
        message:
          "fake : The term 'fake' is not recognized as the name of a cmdlet, function, script file, or operable program. " +
          'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
        position: 'At line:1 char:1\n+ fake cmdlet\n+ ~~~~',
        category: 'ObjectNotFound',
        targetName: 'fake',
        targetType: 'String',
        reason: 'CommandNotFoundException',
        fullyQualifiedErrorId: 'CommandNotFoundException',
      },
    ]);
    expect(decoded.text.trim()).toBe('');
  });

  test('progress records are kept apart, not taken for errors', () => {
    for (const name of ['test_sanitise_clixml_with_error.xml', 'test_sanitise_clixml_with_no_errors.xml']) {
      const decoded = decodeStderr(fixture(name));
      expect(decoded.progress).toHaveLength(2);
      expect(decoded.progress[0]).toEqual({
        activity: 'Preparing modules for first use.',
        activityId: 0,
        statusDescription: '',
        parentActivityId: -1,
        percentComplete: -1,
        secondsRemaining: -1,
        recordType: 'Completed',
      });
      expect(decoded.warnings).toEqual([]);
    }
    expect(decodeStderr(fixture('test_sanitise_clixml_with_no_errors.xml')).errorRecords).toEqual([]);
  });
});

describe('decodeStderr', () => {
  test('_xHHHH_ escapes: surrogate pairs, CRLF, and _x005F_ for a literal underscore', () => {
    expect(decodeClixmlString('_xD83D__xDE00_ vm_x005F_x000D_ a_x000D__x000A_b')).toBe('😀 vm_x000D_ a\r\nb');
    const decoded = decodeStderr(`#< CLIXML\r\n${objs('<S S="warning">VM _xD83D__xDE80_ is slow_x000D__x000A_</S>')}`);
    expect(decoded.warnings).toEqual(['VM 🚀 is slow']);
  });

  test('several <Objs> blocks, with and without a repeated header, and plain text between', () => {
    const first = objs('<S S="Error">first failure_x000D__x000A_</S>');
    const second = objs('<S S="verbose">checking node1_x000D__x000A_</S>');
    const third = objs('<S S="debug">d_x000D__x000A_</S><S S="information">i_x000D__x000A_</S>');
    const stderr = `native tool said no\r\n#< CLIXML\r\n${first}${second}\r\n#< CLIXML\r\n${third}`;
    const decoded = decodeStderr(stderr);
    expect(decoded.errorRecords.map((r) => r.message)).toEqual(['first failure']);
    expect(decoded.verbose).toEqual(['checking node1']);
    expect(decoded.debug).toEqual(['d']);
    expect(decoded.information).toEqual(['i']);
    expect(decoded.text).toBe('native tool said no\r\n');
  });

  test('two errors in one document become two records', () => {
    const lines = [
      'Get-VM : Hyper-V was unable to find a virtual machine with name "vm9".',
      '    + CategoryInfo          : InvalidArgument: (vm9:String) [Get-VM], VirtualizationException',
      '    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM',
      ' ',
      'node down',
      'At line:3 char:1',
      "+ throw 'node down'",
      '+ ~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : OperationStopped: (node down:String) [], RuntimeException',
      '    + FullyQualifiedErrorId : node down',
      ' ',
    ];
    const stderr = `#< CLIXML\r\n${objs(lines.map((l) => `<S S="Error">${encodeClixmlString(`${l}\r\n`)}</S>`).join(''))}`;
    const records = decodeStderr(stderr).errorRecords;
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      category: 'InvalidArgument',
      activity: 'Get-VM',
      targetName: 'vm9',
      fullyQualifiedErrorId: 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM',
    });
    expect(records[1]).toMatchObject({ message: 'node down', category: 'OperationStopped', fullyQualifiedErrorId: 'node down' });
  });

  test('plain stderr passes through as text; broken CLIXML is kept as text, not thrown', () => {
    expect(decodeStderr('The command line is too long.\r\n')).toMatchObject({
      text: 'The command line is too long.\r\n',
      errorRecords: [],
    });
    const broken = decodeStderr('#< CLIXML\r\n<Objs><S S="Error">x</Objs>');
    expect(broken.errorRecords).toEqual([]);
    expect(broken.text).toContain('<S S="Error">x');
  });

  test('a serialized ErrorRecord object is read from its properties', () => {
    const obj =
      '<Obj S="Error" RefId="0"><TN RefId="0"><T>System.Management.Automation.ErrorRecord</T></TN>' +
      '<ToString>Access is denied.</ToString><MS>' +
      '<S N="FullyQualifiedErrorId">System.UnauthorizedAccessException</S>' +
      '<S N="ErrorCategory_Message">PermissionDenied: (node2:String) [Suspend-ClusterNode], UnauthorizedAccessException</S>' +
      '<S N="ErrorCategory_TargetName">node2</S><S N="ErrorCategory_Reason">UnauthorizedAccessException</S></MS></Obj>';
    expect(decodeStderr(`#< CLIXML\r\n${objs(obj)}`).errorRecords).toEqual([
      {
        message: 'Access is denied.',
        category: 'PermissionDenied',
        fullyQualifiedErrorId: 'System.UnauthorizedAccessException',
        targetName: 'node2',
        reason: 'UnauthorizedAccessException',
      },
    ]);
  });
});

describe('encodeClixmlError', () => {
  test('what the simulator sends decodes to the same record', () => {
    const record = {
      message: 'Move-ClusterVirtualMachineRole : not enough memory on <node2> & 😀 for vm_x000A_42\nsecond line',
      category: 'ResourceUnavailable',
      targetName: 'vm42',
      targetType: 'String',
      activity: 'Move-ClusterVirtualMachineRole',
      reason: 'ClusterCmdletException',
      fullyQualifiedErrorId: 'Move-ClusterVirtualMachineRole,Microsoft.FailoverClusters.PowerShell.MoveClusterVirtualMachineRoleCommand',
      position: "At line:5 char:1\n+ Move-ClusterVirtualMachineRole -Name $Name\n+ ~~~~",
    };
    const stderr = encodeClixmlError(record);
    expect(stderr.startsWith('#< CLIXML\r\n<Objs')).toBe(true);
    expect(stderr).toContain('_xD83D__xDE00_');
    expect(stderr).toContain('vm_x005F_x000A_42');
    expect(decodeStderr(stderr).errorRecords).toEqual([record]);
  });

  test('progress and warnings can be sent alongside, and stay apart', () => {
    const decoded = decodeStderr(
      encodeClixml({ progress: ['Preparing modules for first use.'], warnings: ['node1 is paused'], errors: [] }),
    );
    expect(decoded.progress.map((p) => p.activity)).toEqual(['Preparing modules for first use.']);
    expect(decoded.warnings).toEqual(['node1 is paused']);
    expect(decoded.errorRecords).toEqual([]);
  });
});
