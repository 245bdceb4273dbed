/** @module winrm-server/stats: what the simulator's WinRM server counted (tests, the benchmark). */

export interface WinrmServerStats {
  /** HTTP requests (round trips), 401 challenges included. */
  readonly requests: number;
  /** TCP (or TLS) connections accepted. */
  readonly connections: number;
  /** 401 answers: NTLM challenges and refusals. */
  readonly challenges: number;
  /** Requests whose body arrived sealed (WinRM message encryption). */
  readonly sealedRequests: number;
  /** WinRS operations answered with success, by action (create, command, send, receive, signal, delete). */
  readonly operations: Readonly<Record<string, number>>;
  /** Faults sent, by WSManFault code. */
  readonly faults: Readonly<Record<number, number>>;
  readonly shellsOpen: number;
}

export interface ServerStats {
  request(): void;
  connection(): void;
  challenge(): void;
  sealed(): void;
  operation(action: string): void;
  fault(code: number): void;
  snapshot(): WinrmServerStats;
}

export function createServerStats(openShells: () => number): ServerStats {
  let requests = 0;
  let connections = 0;
  let challenges = 0;
  let sealedRequests = 0;
  const operations: Record<string, number> = {};
  const faults: Record<number, number> = {};
  return {
    request: () => void requests++,
    connection: () => void connections++,
    challenge: () => void challenges++,
    sealed: () => void sealedRequests++,
    operation: (action) => void (operations[action] = (operations[action] ?? 0) + 1),
    fault: (code) => void (faults[code] = (faults[code] ?? 0) + 1),
    snapshot: () => ({ requests, connections, challenges, sealedRequests, operations: { ...operations }, faults: { ...faults }, shellsOpen: openShells() }),
  };
}
