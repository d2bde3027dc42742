// One container: its configuration, mounts, networks and environment (values
// of secret-looking keys hidden until clicked), and tabs for live logs, the
// stats chart, top and a terminal. Reloads its inspect on its own events.
import { useEffect, useState } from 'preact/hooks';
import { getJSON } from '../api';
import { onEvent } from '../events';
import { looksSecret } from '../format';
import { ErrorLine, Section, useLoad } from '../widgets';
import { Actions } from './actions';
import { LogsTab } from './logs';
import { StatsTab } from './stats-chart';
import { TopTab } from './top';
import { TerminalTab } from './terminal';

export interface Inspect {
  Id: string;
  Name: string;
  Created: string;
  Path: string;
  Args: string[];
  State: { Status: string; Running: boolean; StartedAt: string; FinishedAt: string; ExitCode: number; Health?: { Status: string } };
  Config: { Image: string; Env?: string[]; Cmd?: string[]; Entrypoint?: string[]; WorkingDir: string; User: string; Tty: boolean; Labels?: Record<string, string> };
  HostConfig: { RestartPolicy?: { Name: string }; NetworkMode: string; Memory?: number; NanoCpus?: number };
  Mounts: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[];
  NetworkSettings: { Ports?: Record<string, { HostIp: string; HostPort: string }[] | null>; Networks: Record<string, { IPAddress: string; Gateway: string; MacAddress: string; IPPrefixLen: number }> };
}

const TABS = ['overview', 'logs', 'stats', 'top', 'terminal'];

export function ContainerPage(props: { id: string; tab: string }) {
  const c = useLoad(() => getJSON<Inspect>(`/containers/${encodeURIComponent(props.id)}/json`), [props.id]);
  const [error, setError] = useState<string>();
  useEffect(
    () =>
      onEvent((e) => {
        if (e.Type === 'container' && c.value && e.Actor.ID === c.value.Id && !e.Action.startsWith('exec_')) c.reload();
      }),
    [c.value?.Id],
  );
  if (!c.value) return <ErrorLine error={c.error} />;
  const v = c.value;
  const name = v.Name.replace(/^\//, '');
  const running = v.State.Running && v.State.Status !== 'paused';
  return (
    <>
      <div class="toolbar">
        <h1>{name}</h1>
        <span class={`state ${v.State.Status}`}>{v.State.Status}</span>
        {v.State.Health && <span class={`health ${v.State.Health.Status}`}>{v.State.Health.Status}</span>}
        <Actions id={v.Id} name={name} state={v.State.Status} onError={setError} onDone={(verb) => verb === 'remove' && (location.hash = '#/')} />
      </div>
      <ErrorLine error={error ?? c.error} />
      <nav class="tabs">
        {TABS.map((t) => (
          <a href={`#/c/${v.Id}/${t}`} class={t === props.tab ? 'active' : ''}>
            {t}
          </a>
        ))}
      </nav>
      {props.tab === 'overview' && <Overview c={v} />}
      {props.tab === 'logs' && <LogsTab id={v.Id} tty={v.Config.Tty} />}
      {props.tab === 'stats' && (running ? <StatsTab id={v.Id} /> : <p class="dim">Not running.</p>)}
      {props.tab === 'top' && (running ? <TopTab id={v.Id} /> : <p class="dim">Not running.</p>)}
      {props.tab === 'terminal' && (running ? <TerminalTab id={v.Id} /> : <p class="dim">Not running.</p>)}
    </>
  );
}

function Overview({ c }: { c: Inspect }) {
  const words = (a?: string[]) => (a && a.length ? a.join(' ') : '—');
  return (
    <div class="grid">
      <Section title="Config">
        <dl>
          <dt>ID</dt>
          <dd class="mono">{c.Id}</dd>
          <dt>Image</dt>
          <dd class="mono">{c.Config.Image}</dd>
          <dt>Command</dt>
          <dd class="mono">{words([c.Path, ...c.Args])}</dd>
          <dt>Entrypoint</dt>
          <dd class="mono">{words(c.Config.Entrypoint)}</dd>
          <dt>Working dir</dt>
          <dd class="mono">{c.Config.WorkingDir || '—'}</dd>
          <dt>User</dt>
          <dd>{c.Config.User || '—'}</dd>
          <dt>Restart</dt>
          <dd>{c.HostConfig.RestartPolicy?.Name || 'no'}</dd>
          <dt>Created</dt>
          <dd>{c.Created}</dd>
          <dt>Started</dt>
          <dd>{c.State.StartedAt}</dd>
          {!c.State.Running && (
            <>
              <dt>Exit code</dt>
              <dd>{c.State.ExitCode}</dd>
            </>
          )}
        </dl>
      </Section>
      <Section title="Ports">
        <ul>
          {Object.entries(c.NetworkSettings.Ports ?? {}).flatMap(([p, bs]) =>
            (bs ?? []).map((b) => (
              <li>
                <a href={`http://127.0.0.1:${b.HostPort}`} target="_blank" rel="noopener noreferrer">{`127.0.0.1:${b.HostPort}`}</a> → {p}
              </li>
            )),
          )}
        </ul>
      </Section>
      <Section title="Mounts">
        <table class="list">
          <tbody>
            {c.Mounts.map((m) => (
              <tr>
                <td>{m.Type}</td>
                <td class="mono">{m.Name ?? m.Source}</td>
                <td class="mono">{m.Destination}</td>
                <td>{m.RW ? 'rw' : 'ro'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {c.Mounts.length === 0 && <p class="dim">None.</p>}
      </Section>
      <Section title="Networks">
        <table class="list">
          <tbody>
            {Object.entries(c.NetworkSettings.Networks ?? {}).map(([n, e]) => (
              <tr>
                <td>{n}</td>
                <td class="mono">{e.IPAddress ? `${e.IPAddress}/${e.IPPrefixLen}` : '—'}</td>
                <td class="mono">{e.Gateway}</td>
                <td class="mono">{e.MacAddress}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Environment">
        <table class="list" id="env">
          <tbody>
            {(c.Config.Env ?? []).map((kv) => (
              <EnvRow kv={kv} />
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}

function EnvRow({ kv }: { kv: string }) {
  const eq = kv.indexOf('=');
  const key = eq < 0 ? kv : kv.slice(0, eq);
  const value = eq < 0 ? '' : kv.slice(eq + 1);
  const [shown, setShown] = useState(!looksSecret(key));
  return (
    <tr data-key={key}>
      <td class="mono">{key}</td>
      <td class="mono">
        {shown ? (
          value
        ) : (
          <button class="reveal" title="hidden: the key looks secret" onClick={() => setShown(true)}>
            ••••••• show
          </button>
        )}
      </td>
    </tr>
  );
}
