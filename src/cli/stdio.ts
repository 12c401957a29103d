// Standard output without Node's stream objects: creating process.stdout loads the stream modules,
// a few milliseconds of every CLI start. Writes go straight to the descriptor (as Node itself does
// for files and, on Linux and macOS, pipes and terminals); the stream is used only if that fails
// (a descriptor left non-blocking by another process: EAGAIN), and from then on, to keep the order.

import { fstatSync, statSync, writeSync } from 'node:fs';

export function fdWriter(fd: 1 | 2): (text: string) => void {
  let stream: NodeJS.WriteStream | undefined;
  return (text) => {
    if (stream) {
      stream.write(text);
      return;
    }
    const buf = new TextEncoder().encode(text);
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(fd, buf, off);
    } catch {
      stream = fd === 1 ? process.stdout : process.stderr;
      stream.write(buf.subarray(off));
    }
  };
}

/** Whether standard output is a terminal; the stream is created only for a character device other than /dev/null. */
export function stdoutIsTTY(): boolean {
  try {
    const st = fstatSync(1);
    if (!st.isCharacterDevice()) return false;
    if (process.platform !== 'win32' && st.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return process.stdout.isTTY === true;
}
