/**
 * @module test helper: the simulator's WinRM server on 127.0.0.1:0 with a small scripted
 * CommandHost (echo, cat, exit N, sleep MS, big N, boom), or with any host a test gives.
 */
import type { CommandResult } from '../../../src/remoting/command-runner.js';
import type { CommandHost } from '../../../src/cluster/simulator/powershell/index.js';
import { createWinrmServer, type WinrmServer, type WinrmServerOptions } from '../../../src/cluster/simulator/winrm-server/index.js';

export const credentials = { username: 'operator', password: 'S3cret-pass!' } as const;

const text = (stdout: string, stderr = '', exitCode = 0): CommandResult => ({
  stdout: Buffer.from(stdout, 'utf8'),
  stderr: Buffer.from(stderr, 'utf8'),
  exitCode,
});

/** A host whose executable names the behaviour: enough to see every path of the protocol. */
export const scriptedHost: CommandHost = {
  async run(executable, args, stdin) {
    switch (executable) {
      case 'echo':
        return text(args.join(' '));
      case 'cat':
        return { stdout: stdin ?? Buffer.alloc(0), stderr: Buffer.from(`${stdin?.length ?? 'no'} bytes`), exitCode: 0 };
      case 'exit':
        return text('', `failing with ${args[0]}`, Number(args[0]));
      case 'sleep':
        await new Promise((resolve) => setTimeout(resolve, Number(args[0])));
        return text('slept');
      case 'big':
        return { stdout: Buffer.alloc(Number(args[0]), 'x'), stderr: Buffer.alloc(Number(args[1] ?? 0), 'e'), exitCode: 0 };
      case 'boom':
        throw new Error('the host broke');
      default:
        return text('', `'${executable}' is not recognized`, 9009);
    }
  },
};

export interface RunningServer {
  readonly server: WinrmServer;
  readonly url: string;
}

const running: WinrmServer[] = [];

export async function startServer(options: Partial<WinrmServerOptions> = {}): Promise<RunningServer> {
  const server = createWinrmServer({ host: scriptedHost, auth: { basic: credentials, ntlm: credentials }, ...options });
  running.push(server);
  const { url } = await server.listen(0);
  return { server, url };
}

export async function stopServers(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.close()));
}
