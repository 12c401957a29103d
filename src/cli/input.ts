// Reading a config for the CLI without trusting the path: only regular files (never a device,
// FIFO or socket, and a FIFO is never opened blocking), at most the size limit plus one byte,
// UTF-8 or UTF-16 with a byte-order mark. Whether the text is a config is the readers' rule
// (src/read/read.ts), the same as in the editor.

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { notConfigMessage } from '../read/read';
import { CliUsageError } from './command';

const KB = (n: number): string => (n / 1024).toFixed(0);

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuseUnlessFile(file: string, st: Stats): void {
  if (st.isFile()) return;
  if (st.isDirectory()) throw new CliUsageError(`${file} is a directory; give a config file`);
  throw new CliUsageError(`${file} is ${kindOf(st)}, not a regular file; give a config file`);
}

/** `exact`: the size is the file's (from stat), not a read that stopped one byte past the limit. */
const tooLarge = (file: string, size: number, max: number, exact = false): CliUsageError =>
  new CliUsageError(`${file} is ${exact ? KB(size) : `more than ${KB(max)}`} KB, above the ${KB(max)} KB limit`);

/** Read up to `max + 1` bytes from an open descriptor; `again` waits when a non-blocking read has nothing yet (stdin). */
export function readBounded(fd: number, max: number, again: boolean): Uint8Array {
  const buf = new Uint8Array(max + 1);
  let got = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, got, buf.length - got, null);
    } catch (e) {
      if (again && (e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    got += n;
    if (got > max) break;
  }
  return buf.subarray(0, got);
}

/** The bytes of a regular file, refusing anything else before a blocking open or an unbounded read. */
export function readFileBytes(path: string, max: number, file = path): Uint8Array {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliUsageError(`cannot read ${file}: ${code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : code ?? (e as Error).message}`);
  }
  refuseUnlessFile(file, st);
  if (st.size > max) throw tooLarge(file, st.size, max, true);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it still returns at once.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new CliUsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    refuseUnlessFile(file, fstatSync(fd));
    const bytes = readBounded(fd, max, false);
    if (bytes.length > max) throw tooLarge(file, bytes.length, max);
    return bytes;
  } catch (e) {
    if (e instanceof CliUsageError) throw e;
    throw new CliUsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** Standard input, bounded like a file. */
export function readStdinBytes(max: number): Uint8Array {
  try {
    const bytes = readBounded(0, max, true);
    if (bytes.length > max) throw tooLarge('standard input', bytes.length, max);
    return bytes;
  } catch (e) {
    if (e instanceof CliUsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EOF') return new Uint8Array(0);
    throw new CliUsageError(`cannot read standard input: ${code ?? (e as Error).message}`);
  }
}

const notConfig = (file: string, why: string): CliUsageError => new CliUsageError(notConfigMessage(file, why));

/**
 * UTF-8 (with or without a BOM) or UTF-16 LE/BE with a BOM. Bytes that do not decode are refused
 * here; text that decodes but is no config (empty, NUL bytes, no mapping) is for readConfig to
 * say, with the editor's rule and wording (its `notConfig`).
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    if (bytes.length % 2) throw notConfig(file, 'it starts with a UTF-16 byte-order mark but has an odd number of bytes');
    const body = bytes.slice(2);
    if (bytes[0] === 0xfe) for (let i = 0; i < body.length; i += 2) [body[i], body[i + 1]] = [body[i + 1], body[i]];
    try {
      return new TextDecoder('utf-16le', { fatal: true }).decode(body);
    } catch {
      throw notConfig(file, 'it starts with a UTF-16 byte-order mark but is not valid UTF-16');
    }
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    // With NUL bytes, decode leniently: readConfig then words it as binary or undecoded UTF-16.
    return new TextDecoder('utf-8', { fatal: !body.includes(0) }).decode(body);
  } catch {
    throw notConfig(file, 'it is not UTF-8 text (binary content?)');
  }
}

/** The decoded text of a file or `-` (standard input), or a usage error saying why it cannot be read. */
export function readConfigText(file: string, max: number): string {
  return decodeText(inputLabel(file), file === '-' ? readStdinBytes(max) : readFileBytes(file, max));
}

/** How the CLI names its input in a refusal: the path, or "standard input" for `-`. */
export function inputLabel(file: string): string {
  return file === '-' ? 'standard input' : file;
}

/** The usage error for a text readConfig found is not a training config (`why` is its `notConfig`). */
export function notConfigError(file: string, why: string): CliUsageError {
  return notConfig(inputLabel(file), why);
}
