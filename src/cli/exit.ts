/** Thrown by a command to end the process with a code (after it has written its output). */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
