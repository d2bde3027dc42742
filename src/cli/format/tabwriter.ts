// A port of Go's text/tabwriter (elastic tabstops), in the variant docker
// vendors (cli/command/formatter/tabwriter: cell widths measured in terminal
// columns, so CJK and emoji count double). docker creates it as
// tabwriter.NewWriter(out, 10, 1, 3, ' ', 0), which are our defaults.
//
// Cells are terminated by '\t' (or '\v'); the text after the last tab of a
// line is not part of any column. A column block is a run of consecutive
// lines that all have a cell in that column; each block gets the width of
// its widest cell plus padding, at least minwidth. Hand-ported because the
// exact block rules decide where every space of `berth ps` goes.

export interface TabwriterOptions {
  minwidth: number; // minimal cell width including padding
  tabwidth: number; // width of a tab when padchar is '\t'
  padding: number; // added to a cell's width before computing the column's
  padchar: string;
  alignRight: boolean;
  discardEmptyColumns: boolean;
}

export const DOCKER_TABWRITER: TabwriterOptions = {
  minwidth: 10,
  tabwidth: 1,
  padding: 3,
  padchar: ' ',
  alignRight: false,
  discardEmptyColumns: false,
};

interface Cell {
  text: string;
  width: number;
  htab: boolean; // terminated by '\t' rather than '\v'
}

/** Aligns tab-terminated cells into columns, as Go's tabwriter after Write(text) and Flush(). */
export function tabwrite(text: string, opts: Partial<TabwriterOptions> = {}): string {
  const o: TabwriterOptions = { ...DOCKER_TABWRITER, ...opts };
  let out = '';
  // '\f' ends a line and all column blocks, like a flush; lines are formatted per section.
  // A '\f' also terminates its line like '\n' does, so that line keeps its empty last cell.
  const sections = text.split('\f');
  sections.forEach((section, s) => {
    out += formatSection(s < sections.length - 1 ? section + '\n' : section, o);
  });
  return out;
}

function formatSection(text: string, o: TabwriterOptions): string {
  const lines: Cell[][] = text.split('\n').map((line, n, all) => {
    const cells: Cell[] = [];
    const re = /[\t\v]/g;
    let start = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const t = line.slice(start, m.index);
      cells.push({ text: t, width: displayWidth(t), htab: m[0] === '\t' });
      start = m.index + 1;
    }
    const rest = line.slice(start);
    // A newline always terminates the line's last cell, even an empty one; at
    // the end of the text (Flush) Go only keeps that cell if it has text. It
    // matters: "a\tb\t" leaves b out of the aligned columns.
    if (rest !== '' || n < all.length - 1) cells.push({ text: rest, width: displayWidth(rest), htab: false });
    return cells;
  });
  const widths: number[] = [];
  let out = '';

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      line.forEach((c, j) => {
        const pad = j < widths.length ? padding(c.width, widths[j], o) : '';
        out += o.alignRight ? pad + c.text : c.text + pad;
      });
      if (i + 1 < lines.length) out += '\n';
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      // A cell exists in this column: this line starts a block; print what precedes it.
      writeLines(line0, cur);
      line0 = cur;
      let width = o.minwidth;
      let discardable = true;
      for (; cur < line1; cur++) {
        const line = lines[cur];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + o.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && o.discardEmptyColumns) width = 0;
      // Format the columns to the right for this block, then continue below it.
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}

function padding(textw: number, cellw: number, o: TabwriterOptions): string {
  if (o.padchar === '\t') {
    if (o.tabwidth === 0) return '';
    const w = Math.ceil(cellw / o.tabwidth) * o.tabwidth;
    return '\t'.repeat(Math.ceil((w - textw) / o.tabwidth));
  }
  return o.padchar.repeat(Math.max(cellw - textw, 0));
}

// Terminal width of text, like go-runewidth (which docker's tabwriter uses):
// combining marks, format and control characters take no column; East Asian
// wide and fullwidth characters and most emoji take two.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const WIDE_RANGES: [number, number][] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0],
  [0x23f3, 0x23f3], [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5],
  [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5],
  [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728],
  [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x17000, 0x18cff], [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f251],
  [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e], [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567], [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x3fffd],
];

function runeWidth(cp: number, ch: string): number {
  if (cp < 0x7f) return cp < 0x20 ? 0 : 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE_RANGES[mid];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return 2;
  }
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += runeWidth(ch.codePointAt(0)!, ch);
  return w;
}
