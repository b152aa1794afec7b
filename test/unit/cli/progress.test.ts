import { createProgressReporter, liveViewText, progressReporterFor } from '../../../src/cli/progress';
import { plainPalette } from '../../../src/render/palette';

const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);
const RED = `${String.fromCharCode(27)}[31m`;

/** A stream that records what is written; with `tty` it also has the cursor methods ora uses. */
function fakeStream(tty: boolean) {
  const writes: string[] = [];
  const ops: string[] = [];
  const stream = {
    isTTY: tty,
    columns: 100,
    write: (s: string) => (writes.push(s), true),
    clearLine: () => (ops.push('clearLine'), true),
    cursorTo: () => (ops.push('cursorTo'), true),
    moveCursor: () => (ops.push('moveCursor'), true),
  };
  return { stream, writes, ops };
}

function clock(startIso: string) {
  let t = Date.parse(startIso);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('progress without a TTY', () => {
  it('prints one timestamped line per finished action and per retry, escaped, without colour', () => {
    const { stream, writes } = fakeStream(false);
    const c = clock('2026-12-01T09:00:00.000Z');
    const p = createProgressReporter({ stream, tty: false, color: true, total: 4, now: c.now });
    p.started('access-group:qr-ml-readers');
    p.started('policy:qr-ml-\u001b[2Jwriters');
    c.advance(1200);
    p.finished('access-group:qr-ml-readers', 'done');
    p.retried('policy:qr-ml-\u001b[2Jwriters', '429 rate limited, retrying in 2 s');
    c.advance(3000);
    p.finished('policy:qr-ml-\u001b[2Jwriters', 'failed');
    p.finished('membership:qr-ml-writers/fatima@example.com', 'skipped');
    p.finished('membership:qr-ml-readers/ravi@example.com', 'cancelled');
    p.stop();
    expect(writes.join('')).toBe(
      [
        '2026-12-01T09:00:01.200Z [1/4] done      access-group:qr-ml-readers (1.2 s)',
        '2026-12-01T09:00:01.200Z [1/4] retry #1  policy:qr-ml-\\x1b[2Jwriters: 429 rate limited, retrying in 2 s',
        '2026-12-01T09:00:04.200Z [2/4] failed    policy:qr-ml-\\x1b[2Jwriters (4.2 s)',
        '2026-12-01T09:00:04.200Z [3/4] skipped   membership:qr-ml-writers/fatima@example.com',
        '2026-12-01T09:00:04.200Z [4/4] cancelled membership:qr-ml-readers/ravi@example.com',
        '',
      ].join('\n'),
    );
  });
});

describe('progress on a TTY', () => {
  it('the live view counts outcomes and retries and names the slowest in-flight actions', () => {
    const now = Date.parse('2026-12-01T09:00:10.000Z');
    const text = liveViewText(
      {
        finished: 7,
        total: 20,
        retries: 3,
        outcomes: { done: 5, failed: 1, skipped: 1, cancelled: 0 },
        inFlight: new Map([
          ['b', { since: now - 2000, retries: 0 }],
          ['a', { since: now - 9000, retries: 2 }],
          ['c', { since: now - 2000, retries: 0 }],
          ['d', { since: now - 500, retries: 0 }],
        ]),
      },
      now,
      plainPalette,
    );
    expect(text).toBe(['7/20 done · 1 failed · 1 skipped · 3 retries · 4 running', '    9.0 s  a (retry 2)', '    2.0 s  b', '    2.0 s  c'].join('\n'));
  });

  it('redraws the view in place, keeps failures on screen, and clears the view on stop', () => {
    const { stream, writes, ops } = fakeStream(true);
    const c = clock('2026-12-01T09:00:00.000Z');
    const p = createProgressReporter({ stream, tty: true, color: false, total: 3, now: c.now });
    p.started('access-group:qr-a');
    p.started('policy:qr-\u202ex');
    c.advance(2500);
    p.retried('policy:qr-\u202ex', '503');
    p.finished('access-group:qr-a', 'done');
    p.finished('policy:qr-\u202ex', 'failed');
    p.finished('membership:qr-a/x@example.com', 'skipped');
    p.stop();
    p.stop(); // idempotent
    const out = writes.join('');
    expect(out).toContain('0/3 done · 2 running\n    0.0 s  access-group:qr-a\n    0.0 s  policy:qr-\\u202ex');
    expect(out).toContain('0/3 done · 1 retry · 2 running\n    2.5 s  access-group:qr-a\n    2.5 s  policy:qr-\\u202ex (retry 1)');
    expect(out).toContain('failed policy:qr-\\u202ex (2.5 s)\n');
    expect(out).toContain('3/3 done · 1 failed · 1 skipped · 1 retry · 0 running');
    expect(out).not.toContain('\u202e');
    expect(out).not.toMatch(COLOUR); // no colour
    expect(ops).toContain('clearLine'); // redrawn in place
    expect(out.endsWith('\u001b[?25h')).toBe(true); // cursor shown again after the view is cleared
  });

  it('colours the view only when told to', () => {
    const { stream, writes } = fakeStream(true);
    const p = createProgressReporter({ stream, tty: true, color: true, total: 1, now: () => 0 });
    p.finished('a', 'failed');
    p.stop();
    expect(writes.join('')).toContain(RED);
  });
});

describe('progressReporterFor', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('is plain without a TTY, and live without colour on a TTY under NO_COLOR', () => {
    delete process.env.FORCE_COLOR;
    delete process.env.TERM;
    const plain = fakeStream(false);
    const p = progressReporterFor(plain.stream as unknown as NodeJS.WriteStream, 1);
    p.finished('a', 'done');
    expect(plain.writes.join('')).toMatch(/^\S+Z \[1\/1\] done {6}a\n$/);

    process.env.NO_COLOR = '1';
    const live = fakeStream(true);
    const q = progressReporterFor(live.stream as unknown as NodeJS.WriteStream, 1);
    q.finished('a', 'failed');
    q.stop();
    expect(live.writes.join('')).toContain('failed a');
    expect(live.writes.join('')).not.toMatch(COLOUR);
  });
});
