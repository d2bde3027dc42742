// What `berth compose stop / start / down` do, through the API, for a project
// known only by its containers' com.docker.compose.project label (the page
// has no compose file): containers first, then, for down, the networks and,
// if asked, the volumes compose made for the project (labelled with it; an
// external network or volume has no such label and stays). Without the file's
// depends_on, start goes in creation order (up creates dependencies first) and
// stop and down in the reverse.
import { del, getJSON, post } from '../../api';
import { PROJECT, type ProjectContainer } from './group';

const byCreation = (cs: ProjectContainer[]) => [...cs].sort((a, b) => a.Created - b.Created);
const labelFilter = (project: string) => encodeURIComponent(JSON.stringify({ label: [`${PROJECT}=${project}`] }));

export async function startProject(cs: ProjectContainer[]): Promise<void> {
  for (const c of byCreation(cs)) if (c.State !== 'running' && c.State !== 'paused') await post(`/containers/${c.Id}/start`);
}

export async function stopProject(cs: ProjectContainer[]): Promise<void> {
  for (const c of byCreation(cs).reverse()) if (c.State === 'running' || c.State === 'paused' || c.State === 'restarting') await post(`/containers/${c.Id}/stop`);
}

/** down: stopped and removed (with their anonymous volumes if `volumes`), then the project's networks, then its volumes if asked. */
export async function downProject(project: string, cs: ProjectContainer[], volumes: boolean): Promise<void> {
  await stopProject(cs);
  for (const c of byCreation(cs).reverse()) await del(`/containers/${c.Id}?force=1${volumes ? '&v=1' : ''}`);
  const nets = await getJSON<{ Name: string }[]>(`/networks?filters=${labelFilter(project)}`);
  for (const n of nets) await del(`/networks/${encodeURIComponent(n.Name)}`);
  if (!volumes) return;
  const vols = await getJSON<{ Volumes: { Name: string }[] | null }>(`/volumes?filters=${labelFilter(project)}`);
  for (const v of vols.Volumes ?? []) await del(`/volumes/${encodeURIComponent(v.Name)}`);
}
