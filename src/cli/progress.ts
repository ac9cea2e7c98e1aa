/**
 * Progress bars for long CLI work (import, export, backup, restore, PDFs), drawn with
 * cli-progress on stderr so that stdout stays the command's result. Only on a terminal:
 * pipes, CI logs and scripts get no bars (PEJLING_PROGRESS=always forces them, for tests and
 * for people who tail a log).
 */
import cliProgress from 'cli-progress';

export interface ProgressBar {
  /** `done` of `total` units of the phase named by `label`. */
  update(label: string, done: number, total: number): void;
  /** A line of text where the bar goes (e.g. "checking file…"). */
  note(text: string): void;
  /** Removes the bar; safe to call more than once. */
  stop(): void;
}

const forced = () => process.env.PEJLING_PROGRESS === 'always';

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar | undefined {
  if (!stream.isTTY && !forced()) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{label} [{bar}] {percentage}% {value}/{total}',
      barsize: 30,
      hideCursor: stream.isTTY === true,
      clearOnComplete: true,
      noTTYOutput: !stream.isTTY,
      // Outside a terminal a bar cannot be redrawn in place: one line every few seconds.
      notTTYSchedule: 2000,
      fps: 10,
    },
    cliProgress.Presets.legacy,
  );
  let running = false;
  const ensure = (total: number, label: string) => {
    if (!running) {
      bar.start(total, 0, { label });
      running = true;
    }
  };
  return {
    update(label, done, total) {
      ensure(total, label);
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, { label });
    },
    note(text) {
      if (running) {
        bar.stop();
        running = false;
      }
      stream.write(stream.isTTY ? `\r${text}\x1b[K` : `${text}\n`);
    },
    stop() {
      if (running) {
        // The final state is drawn once more outside a terminal, so a log shows the end.
        bar.stop();
        running = false;
      }
      if (stream.isTTY) stream.write('\r\x1b[K');
    },
  };
}
