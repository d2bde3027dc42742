// The human "Status" column of ps (Docker's State.String()). The daemon has
// its own copy of go-units' HumanDuration because the CLI may not import
// daemon code and the daemon does not import the CLI.
import type { ContainerRecord } from './types';

export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(ms / 60000);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(ms / 3600000);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

export function statusText(rec: ContainerRecord, now = Date.now()): string {
  const st = rec.state;
  if (st.Running) {
    const up = `Up ${humanDuration(now - Date.parse(st.StartedAt))}`;
    if (st.Paused) return `${up} (Paused)`;
    // Docker's Health.String(): "health: starting", else the status
    if (st.Health) return `${up} (${st.Health.Status === 'starting' ? 'health: starting' : st.Health.Status})`;
    return up;
  }
  if (st.Restarting) return `Restarting (${st.ExitCode}) ${humanDuration(now - Date.parse(st.FinishedAt))} ago`;
  if (st.Status === 'removing') return 'Removal In Progress';
  if (st.Dead) return 'Dead';
  if (!rec.hasBeenStartedBefore || st.FinishedAt.startsWith('0001')) return 'Created';
  return `Exited (${st.ExitCode}) ${humanDuration(now - Date.parse(st.FinishedAt))} ago`;
}

export function stateName(rec: ContainerRecord): string {
  const st = rec.state;
  if (st.Running && st.Paused) return 'paused';
  if (st.Running) return 'running';
  if (st.Restarting) return 'restarting';
  return st.Status === 'running' ? 'exited' : st.Status;
}
