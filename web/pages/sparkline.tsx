// A tiny inline SVG line of a series (the list's CPU and memory): no axes, no
// library, cheap enough to draw for every row every second.
import { sparkPoints } from '../sparkline';

const W = 60;
const H = 16;

/** `top`: the value at the top edge unless the series goes higher (100 for CPU %, so an idle line stays low). */
export function Sparkline({ series, top = 0, label }: { series: number[]; top?: number; label: string }) {
  return (
    <svg class="spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} data-points={series.length} role="img" aria-label={label}>
      <polyline points={sparkPoints(series, W, H, top)} />
    </svg>
  );
}
