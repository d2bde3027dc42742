// Compose projects: the containers grouped by their com.docker.compose.project
// label, each project with stop / start / down (confirmed; down optionally
// with the project's volumes). Reloaded on container events.
import { useEffect, useState } from 'preact/hooks';
import { getJSON } from '../../api';
import { onEvent } from '../../events';
import { Confirm, ErrorLine, Head, useLoad } from '../../widgets';
import { groupByProject, namesByProject, SERVICE, type ProjectContainer } from './group';
import { downProject, startProject, stopProject } from './verbs';

interface Listed extends ProjectContainer {
  Image: string;
  Status: string;
}

type Asking = { project: string; verb: 'stop' | 'start' | 'down' };

export function ProjectsPage() {
  const list = useLoad(() => getJSON<Listed[]>('/containers/json?all=1'));
  type Labelled = { Name: string; Labels?: Record<string, string> | null };
  const nets = useLoad(() => getJSON<Labelled[]>('/networks'));
  const vols = useLoad(() => getJSON<{ Volumes: Labelled[] | null }>('/volumes'));
  const [asking, setAsking] = useState<Asking>();
  const [withVolumes, setWithVolumes] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(
    () =>
      onEvent((e) => {
        if (e.Type === 'container' && !e.Action.startsWith('exec_')) list.reload();
        if (e.Type === 'network') nets.reload();
        if (e.Type === 'volume') vols.reload();
      }),
    [],
  );
  const projects = groupByProject(list.value ?? []);
  const netsOf = namesByProject(nets.value ?? []);
  const volsOf = namesByProject(vols.value?.Volumes ?? []);
  const run = (a: Asking) => {
    const cs = projects.find(([p]) => p === a.project)?.[1] ?? [];
    setAsking(undefined);
    setBusy(a.project);
    const done = a.verb === 'stop' ? stopProject(cs) : a.verb === 'start' ? startProject(cs) : downProject(a.project, cs, withVolumes);
    done
      .then(() => setError(undefined), (e) => setError(`${a.verb} ${a.project}: ${e.message}`))
      .finally(() => (setBusy(undefined), list.reload()));
  };
  return (
    <>
      <h1>Compose projects</h1>
      <ErrorLine error={error ?? list.error} />
      {!projects.length && <p class="dim">No container carries a com.docker.compose.project label.</p>}
      {projects.map(([project, cs]) => (
        <section class="project" data-project={project}>
          <div class="toolbar">
            <h2>{project}</h2>
            <span class="dim">
              {cs.filter((c) => c.State === 'running').length} of {cs.length} running
            </span>
            {(['stop', 'start', 'down'] as const).map((verb) => (
              <button disabled={busy === project} data-verb={verb} class={verb === 'down' ? 'danger' : ''} onClick={() => (setWithVolumes(false), setAsking({ project, verb }))}>
                {verb}
              </button>
            ))}
          </div>
          <table class="list">
            <Head cols={['Service', 'Container', 'Image', 'State', 'Status']} />
            <tbody>
              {cs.map((c) => (
                <tr data-name={c.Names[0]?.replace(/^\//, '')} data-state={c.State}>
                  <td>{c.Labels?.[SERVICE] ?? ''}</td>
                  <td>
                    <a href={`#/c/${c.Id}`}>{c.Names[0]?.replace(/^\//, '')}</a>
                  </td>
                  <td class="mono">{c.Image}</td>
                  <td>{c.State}</td>
                  <td>{c.Status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="dim resources">
            networks: <span class="networks">{(netsOf.get(project) ?? []).join(', ') || 'none'}</span> · volumes:{' '}
            <span class="volumes">{(volsOf.get(project) ?? []).join(', ') || 'none'}</span>
          </p>
        </section>
      ))}
      {asking && (
        <Confirm
          text={
            asking.verb === 'down'
              ? `Stop and remove the containers of ${asking.project}, then its networks?`
              : `${asking.verb === 'stop' ? 'Stop' : 'Start'} the containers of ${asking.project}?`
          }
          action={asking.verb}
          onNo={() => setAsking(undefined)}
          onYes={() => run(asking)}
        >
          {asking.verb === 'down' && (
            <label>
              <input type="checkbox" name="volumes" checked={withVolumes} onChange={(e) => setWithVolumes((e.target as HTMLInputElement).checked)} /> and its volumes
            </label>
          )}
        </Confirm>
      )}
    </>
  );
}
