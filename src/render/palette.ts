/**
 * Colour functions injected into renderers. Renderers never import chalk: the CLI decides (TTY, NO_COLOR,
 * --no-color) and passes either a chalk-backed palette or `plainPalette`.
 */
export interface Palette {
  readonly add: (s: string) => string;
  readonly del: (s: string) => string;
  readonly chg: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly err: (s: string) => string;
  readonly warn: (s: string) => string;
}

const id = (s: string): string => s;

/** The palette that leaves text untouched (pipes, files, NO_COLOR, tests). */
export const plainPalette: Palette = { add: id, del: id, chg: id, dim: id, bold: id, err: id, warn: id };
