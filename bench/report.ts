// The benchmark's outputs: a Markdown table (medians with min–max, the
// berth/Docker ratio, the target and whether it is met), the same figures
// as JSON, and an SVG chart of the ratios against their targets.
import { execSync } from 'node:child_process';
import os from 'node:os';
import { summarize } from './stats';
import type { Row } from './cases/types';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  os: string;
  dockerd: string;
  runc: string;
  conmon: string;
}

const sh = (cmd: string): string => {
  try {
    return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
};

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    os: sh(". /etc/os-release && echo $PRETTY_NAME"),
    dockerd: sh('/usr/sbin/dockerd --version'),
    runc: sh('runc --version'),
    conmon: sh('conmon --version'),
  };
}

export interface Result extends Row {
  ratio: number;
  met: boolean;
}

export function evaluate(rows: Row[]): Result[] {
  return rows.map((r) => {
    const b = summarize(r.berth).median;
    const d = summarize(r.docker).median;
    const ratio = b / d;
    const met = r.target.op === '<=' ? ratio <= r.target.ratio : ratio >= r.target.ratio;
    return { ...r, ratio, met };
  });
}

function show(v: number, unit: Row['unit']): string {
  if (unit === 'KiB') return `${(v / 1024).toFixed(1)} MiB`;
  if (unit === 'MB/s') return `${v.toFixed(0)} MB/s`;
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`;
}

export function markdown(results: Result[], machine: Machine, when: string): string {
  const lines = [
    `Measured ${when} on ${machine.os}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, kernel ${machine.kernel}; ${machine.dockerd}; ${machine.runc.replace(/\n.*/s, '')}; ${machine.conmon}.`,
    '',
    '| what | berth median (min–max) | Docker median (min–max) | berth / Docker | target | |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const b = summarize(r.berth);
    const d = summarize(r.docker);
    const ratio = r.unit === 'MB/s' ? `${r.ratio.toFixed(2)}× throughput` : r.ratio.toFixed(2);
    const verdict = r.met ? 'met' : r.target.op === '<=' ? '**slower than target**' : '**below target**';
    // A row that compares berth with itself says which is which in its own cells.
    const label = (side: 'berth' | 'docker') => (r.labels ? `${r.labels[side]}: ` : '');
    lines.push(
      `| ${r.what} | ${label('berth')}${show(b.median, r.unit)} (${show(b.min, r.unit)}–${show(b.max, r.unit)}) | ${label('docker')}${show(d.median, r.unit)} (${show(d.min, r.unit)}–${show(d.max, r.unit)}) | ${ratio} | ${r.target.op} ${r.target.ratio} | ${verdict}${r.note ? ` — ${r.note}` : ''} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Horizontal bars: the ratio of each row, with its target as a tick. */
export function svgChart(results: Result[]): string {
  const rowH = 26;
  const left = 330;
  const width = 760;
  const scaleMax = Math.max(2, ...results.map((r) => Math.min(r.ratio, 4)), ...results.map((r) => r.target.ratio));
  const x = (v: number) => left + (Math.min(v, scaleMax) / scaleMax) * (width - left - 60);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/`/g, '');
  const height = results.length * rowH + 50;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="10" y="16" font-size="13">berth / Docker (bars; lower is better except throughput) — ticks: targets</text>`,
    `<line x1="${x(1)}" y1="24" x2="${x(1)}" y2="${height - 20}" stroke="#999" stroke-dasharray="3,3"/>`,
    `<text x="${x(1) - 4}" y="${height - 6}">1.0</text>`,
  ];
  results.forEach((r, i) => {
    const y = 30 + i * rowH;
    const color = r.met ? '#2e7d32' : '#c62828';
    parts.push(`<text x="10" y="${y + 14}">${esc(r.what.slice(0, 52))}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(1, x(r.ratio) - left)}" height="${rowH - 10}" fill="${color}"/>`);
    parts.push(`<line x1="${x(r.target.ratio)}" y1="${y}" x2="${x(r.target.ratio)}" y2="${y + rowH - 4}" stroke="#000" stroke-width="2"/>`);
    parts.push(`<text x="${x(r.ratio) + 4}" y="${y + 14}">${r.ratio.toFixed(2)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
