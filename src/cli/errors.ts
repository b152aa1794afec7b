import { type ExitCodeValue } from './exit-codes';

/**
 * Thrown by a command after it has printed why it stops; `main` turns it into the process exit code.
 * Not for reporting problems: print them first, then throw this with the code.
 */
export class ExitError extends Error {
  constructor(readonly code: ExitCodeValue, message = `exit ${code}`) {
    super(message);
    this.name = 'ExitError';
  }
}

/**
 * A broken invariant inside qgov (a bug, never bad user input). `main` prints "this is a bug" with version
 * information and exits 1.
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

/**
 * A problem the user can fix (missing credentials, unreadable file, bad flag combination). `main` prints the
 * message without a stack and exits with `code` (default 1).
 */
export class UserError extends Error {
  constructor(message: string, readonly code: ExitCodeValue = 1) {
    super(message);
    this.name = 'UserError';
  }
}
