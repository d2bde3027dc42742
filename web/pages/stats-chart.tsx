// Live charts (uPlot) from the container's stats stream: CPU %, memory, and
// network and block I/O as rates between samples. berthd pushes one sample
// a second; the charts keep the last five minutes.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { jsonLines } from '../api';
import { bytes, cpuPercent, memoryUsed } from '../format';
import { ioRates, ioTotals, type IoStats, type IoTotals } from '../io-stats';

const KEEP = 300;
const rate = (v: number | null) => (v == null ? '—' : `${bytes(v)}/s`);

/** A chart of one or two series against time, values shown with `fmt`. */
function chart(el: HTMLElement, width: number, series: { label: string; stroke: string }[], fmt: (v: number | null) => string, data: number[][], range?: uPlot.Scale.Range): uPlot {
  return new uPlot(
    {
      width,
      height: 150,
      series: [{}, ...series.map((s) => ({ ...s, width: 2, value: (_u: uPlot, v: number | null) => fmt(v) }))],
      axes: [{}, { values: (_u, vs) => vs.map((v) => fmt(v)), size: 80 }],
      scales: { y: { range: range ?? ((_u, _min, max) => [0, Math.max(1, max * 1.2)]) } },
    },
    data as uPlot.AlignedData,
    el,
  );
}

export function StatsTab(props: { id: string }) {
  const els = { cpu: useRef<HTMLDivElement>(null), mem: useRef<HTMLDivElement>(null), net: useRef<HTMLDivElement>(null), blk: useRef<HTMLDivElement>(null) };
  const [now, setNow] = useState<{ cpu: number; mem: number; limit: number; io: IoTotals }>();
  useEffect(() => {
    const t: number[] = [];
    const cols = { cpu: [] as number[], mem: [] as number[], rx: [] as number[], tx: [] as number[], read: [] as number[], write: [] as number[] };
    const width = Math.max(300, (els.cpu.current!.parentElement?.clientWidth ?? 800) - 20);
    const plots = [
      [chart(els.cpu.current!, width, [{ label: 'CPU %', stroke: '#2b7bd6' }], (v) => (v == null ? '—' : `${v.toFixed(1)}%`), [t, cols.cpu], (_u, _min, max) => [0, Math.max(5, max * 1.2)]), () => [t, cols.cpu]],
      [chart(els.mem.current!, width, [{ label: 'Memory', stroke: '#1f9d55' }], (v) => bytes(v), [t, cols.mem]), () => [t, cols.mem]],
      [chart(els.net.current!, width, [{ label: 'Net received', stroke: '#8e44ad' }, { label: 'Net sent', stroke: '#e67e22' }], rate, [t, cols.rx, cols.tx]), () => [t, cols.rx, cols.tx]],
      [chart(els.blk.current!, width, [{ label: 'Block read', stroke: '#16a085' }, { label: 'Block written', stroke: '#c0392b' }], rate, [t, cols.read, cols.write]), () => [t, cols.read, cols.write]],
    ] as const;
    let prev: { at: number; io: IoTotals } | undefined;
    const ctl = new AbortController();
    jsonLines<IoStats>('GET', `/containers/${props.id}/stats?stream=1`, (s) => {
      const at = Date.parse(s.read) / 1000;
      const io = ioTotals(s);
      const r = prev ? ioRates(prev.io, io, at - prev.at) : { rx: 0, tx: 0, read: 0, write: 0 };
      prev = { at, io };
      t.push(at);
      cols.cpu.push(cpuPercent(s));
      cols.mem.push(memoryUsed(s));
      for (const k of ['rx', 'tx', 'read', 'write'] as const) cols[k].push(r[k]);
      if (t.length > KEEP) [t, ...Object.values(cols)].forEach((c) => c.shift());
      for (const [plot, data] of plots) plot.setData(data() as uPlot.AlignedData);
      setNow({ cpu: cols.cpu[cols.cpu.length - 1], mem: cols.mem[cols.mem.length - 1], limit: s.memory_stats.limit ?? 0, io });
    }, ctl.signal).catch(() => {});
    return () => (ctl.abort(), plots.forEach(([p]) => p.destroy()));
  }, [props.id]);
  return (
    <div id="stats">
      <p class="now">{now ? `CPU ${now.cpu.toFixed(1)}% · memory ${bytes(now.mem)}${now.limit ? ` of ${bytes(now.limit)}` : ''}` : 'waiting for the first sample…'}</p>
      {now && (
        <p class="now io" id="io-now" data-rx={now.io.rx} data-tx={now.io.tx}>
          net I/O {bytes(now.io.rx)} / {bytes(now.io.tx)} · block I/O {bytes(now.io.read)} / {bytes(now.io.write)}
        </p>
      )}
      <div ref={els.cpu} />
      <div ref={els.mem} />
      <div ref={els.net} id="net-chart" />
      <div ref={els.blk} id="blk-chart" />
    </div>
  );
}
