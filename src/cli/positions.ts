// Offsets to 1-based line and column, from one index of line starts (linear in the text, then a
// binary search per finding, instead of rescanning the text for each).

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      // Only \n ends a line, as in read/yamlDoc.ts lineCol (a CRLF's \r stays in the line).
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column (UTF-16 code units, as SARIF's default columnKind counts). */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
