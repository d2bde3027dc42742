// A live CPU% and memory chart (uPlot) from the container's stats stream:
// berthd pushes one sample a second; the chart keeps the last five minutes.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { jsonLines } from '../api';
import { bytes, cpuPercent, memoryUsed, type Stats } from '../format';

const KEEP = 300;

export function StatsTab(props: { id: string }) {
  const cpuEl = useRef<HTMLDivElement>(null);
  const memEl = useRef<HTMLDivElement>(null);
  const [now, setNow] = useState<{ cpu: number; mem: number; limit: number }>();
  useEffect(() => {
    const t: number[] = [];
    const cpu: number[] = [];
    const mem: number[] = [];
    const width = Math.max(300, (cpuEl.current!.parentElement?.clientWidth ?? 800) - 20);
    const cpuPlot = new uPlot({ width, height: 180, series: [{}, { label: 'CPU %', stroke: '#2b7bd6', width: 2 }], scales: { y: { range: (_u, _min, max) => [0, Math.max(5, max * 1.2)] } } }, [t, cpu], cpuEl.current!);
    const memPlot = new uPlot(
      { width, height: 180, series: [{}, { label: 'Memory', stroke: '#1f9d55', width: 2, value: (_u, v) => bytes(v) }], axes: [{}, { values: (_u, vs) => vs.map((v) => bytes(v)), size: 80 }] },
      [t, mem],
      memEl.current!,
    );
    const ctl = new AbortController();
    jsonLines<Stats>('GET', `/containers/${props.id}/stats?stream=1`, (s) => {
      t.push(Date.parse(s.read) / 1000);
      cpu.push(cpuPercent(s));
      mem.push(memoryUsed(s));
      if (t.length > KEEP) (t.shift(), cpu.shift(), mem.shift());
      cpuPlot.setData([t, cpu]);
      memPlot.setData([t, mem]);
      setNow({ cpu: cpu[cpu.length - 1], mem: mem[mem.length - 1], limit: s.memory_stats.limit ?? 0 });
    }, ctl.signal).catch(() => {});
    return () => (ctl.abort(), cpuPlot.destroy(), memPlot.destroy());
  }, [props.id]);
  return (
    <div id="stats">
      <p class="now">{now ? `CPU ${now.cpu.toFixed(1)}% · memory ${bytes(now.mem)}${now.limit ? ` of ${bytes(now.limit)}` : ''}` : 'waiting for the first sample…'}</p>
      <div ref={cpuEl} />
      <div ref={memEl} />
    </div>
  );
}
