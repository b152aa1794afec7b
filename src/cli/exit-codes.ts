/**
 * The stable exit codes of every qgov command (DESIGN §5). Documented in README.md; CI pipelines branch on
 * them, so a value here never changes meaning.
 */
export const ExitCode = {
  ok: 0,
  error: 1,
  changes: 2,
  invalidSpec: 3,
  stalePlan: 4,
  refused: 5,
  partial: 6,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
