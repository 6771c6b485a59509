import { isatty } from 'node:tty';
import { displayText, hasHiddenCharacters } from '../domain/displayText';
import { UsageError, type CliIo, type Progress } from './command';

/**
 * The terminal sees what the app shows (issue 13 item 11): every text the CLI writes, to stdout
 * and stderr, goes through the app's visible-token display (domain/displayText.ts), so a cable's
 * subject, a login or a file name cannot carry an escape sequence, a bidi override or an
 * invisible character to the terminal.
 */
export function terminalSafe(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(displayText(text)),
    stderr: (text) => io.stderr(displayText(text)),
  };
}

/**
 * JSON for the terminal: each character the display would replace is written as a \u escape,
 * so a program reading the output gets the data exactly and the terminal sees none of them.
 */
export function terminalJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2) ?? 'null';
  let out = '';
  for (const ch of json) {
    if (ch !== '\n' && hasHiddenCharacters(ch)) {
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}

/** On a terminal: asks on stderr and reads a line without echoing it. Absent otherwise. */
export function terminalPrompt(): CliIo['promptSecret'] {
  if (!isatty(0) || !isatty(2)) return undefined;
  return (question) => readHidden(question);
}

function readHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(displayText(question));
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new UsageError('Cancelled; nothing was created.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A progress bar on stderr when it is a terminal (issue 15 item 3), redrawn in place at most ten
 * times a second and erased when done, so nothing of it stays in the output or reaches a pipe.
 */
export function terminalProgress(): CliIo['progress'] {
  if (!isatty(2)) return undefined;
  return (label) =>
    progressBar(label, (t) => process.stderr.write(t), Math.max(20, (process.stderr.columns || 80) - 40));
}

export function progressBar(label: string, write: (text: string) => void, width = 40): Progress {
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      write(
        `\r${label} [${bar}] ${String(Math.floor(share * 100)).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`,
      );
      shown = true;
    },
    done() {
      if (shown) write('\r\u001b[2K');
    },
  };
}
