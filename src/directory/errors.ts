/** @module directory/errors: a group source that could not answer. Its message never holds a password. */

export class GroupSourceError extends Error {
  override readonly name = 'GroupSourceError';
  constructor(
    readonly source: string,
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super(`${source} at ${endpoint} did not answer: ${reason}`);
  }
}
