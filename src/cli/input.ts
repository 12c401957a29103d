// Reading a config for the CLI without trusting the path: only regular files (never a device,
// FIFO or socket, and a FIFO is never opened blocking), at most the size limit plus one byte,
// UTF-8 or UTF-16 with a byte-order mark, and text that has a YAML mapping at its top.

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
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

const notConfig = (file: string, why: string): CliUsageError => new CliUsageError(`${file} is not a training config: ${why}`);

/** UTF-8 (with or without a BOM) or UTF-16 LE/BE with a BOM; binary content is refused. */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    if (bytes.length % 2) throw notConfig(file, 'it starts with a UTF-16 byte-order mark but has an odd number of bytes');
    const body = bytes.slice(2);
    if (bytes[0] === 0xfe) for (let i = 0; i < body.length; i += 2) [body[i], body[i + 1]] = [body[i + 1], body[i]];
    let text: string;
    try {
      text = new TextDecoder('utf-16le', { fatal: true }).decode(body);
    } catch {
      throw notConfig(file, 'it starts with a UTF-16 byte-order mark but is not valid UTF-16');
    }
    return checkText(file, text);
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw notConfig(file, 'it contains NUL bytes (binary content, or UTF-16 without a byte-order mark)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw notConfig(file, 'it is not UTF-8 text (binary content?)');
  }
  return checkText(file, text);
}

function checkText(file: string, text: string): string {
  if (text.includes('\0')) throw notConfig(file, 'it contains NUL characters');
  if (!text.trim()) throw notConfig(file, text.length ? 'it holds only whitespace' : 'it is empty');
  return text;
}

const SKIP_LINE = /^\s*(#.*)?$|^%/;
const PROPS = /^(?:[&!][^\s]*(?:\s+|$))*/;
/** A mapping key at the start of a line: plain, quoted or alias, followed by `:` and a space or the line end. */
const KEY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|\*[^\s]+\s|[^\s\-?:,[\]{}#&*!|>'"%@`][^#]*?|-[^\s][^#]*?|<<)\s*:(?:\s|$)/;

/** Whether the first YAML document's top node is a mapping (block `key:`, `? key` or flow `{`). */
export function hasTopLevelMapping(text: string): boolean {
  for (const raw of text.split(/\r\n|\r|\n/, 2000)) {
    let line = raw;
    if (/^---(\s|$)/.test(line)) line = line.slice(3);
    if (/^\.\.\.(\s|$)/.test(line) || SKIP_LINE.test(line)) continue;
    const rest = line.trimStart().replace(PROPS, '');
    if (!rest || rest.startsWith('#')) continue;
    return rest.startsWith('{') || /^\?(\s|$)/.test(rest) || KEY.test(rest + ' ');
  }
  return false;
}

/** The text of a file or `-` (standard input), ready for analysis, or a usage error saying why not. */
export function readConfigText(file: string, max: number): string {
  const label = file === '-' ? 'standard input' : file;
  const text = decodeText(label, file === '-' ? readStdinBytes(max) : readFileBytes(file, max));
  if (!hasTopLevelMapping(text)) throw notConfig(label, 'it has no YAML mapping at its top (a config is keys and values)');
  return text;
}
