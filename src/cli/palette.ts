import type chalkModule from 'chalk';
import { plainPalette, type Palette } from '../render/palette';

/**
 * Colour only on a TTY, never with NO_COLOR (any value, per no-color.org) or --no-color; FORCE_COLOR wins
 * over the TTY check so CI logs that render ANSI can opt in.
 */
export function paletteFor(stream: NodeJS.WriteStream, opts: { color?: boolean } = {}): Palette {
  const env = process.env;
  const wanted =
    opts.color !== false &&
    env.NO_COLOR === undefined &&
    (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : Boolean(stream.isTTY));
  return wanted ? colourPalette() : plainPalette;
}

/** The chalk-backed palette, unconditionally (callers that decided colour already, e.g. `progress.ts`). */
export function colourPalette(): Palette {
  // Loaded lazily: no chalk at module scope (STYLE P8).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const chalk = require('chalk') as typeof chalkModule;
  const c = new chalk.Instance({ level: 1 });
  return {
    add: (s) => c.green(s),
    del: (s) => c.red(s),
    chg: (s) => c.yellow(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
    err: (s) => c.red.bold(s),
    warn: (s) => c.yellow.bold(s),
  };
}
