// The dashboard: one page, routed on location.hash so that berthd serves a
// single index.html and every view is a bookmarkable URL.
import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '@xterm/xterm/css/xterm.css';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { ContainersPage } from './pages/containers';
import { ContainerPage } from './pages/container';
import { ImagesPage } from './pages/images';
import { VolumesPage } from './pages/volumes';
import { NetworksPage } from './pages/networks';
import { ProjectsPage } from './pages/projects';
import { HostPage } from './pages/host';
import { EventsPage } from './pages/events';
import { RunPage } from './pages/run';

const NAV: [string, string][] = [
  ['#/', 'Containers'],
  ['#/projects', 'Projects'],
  ['#/images', 'Images'],
  ['#/volumes', 'Volumes'],
  ['#/networks', 'Networks'],
  ['#/events', 'Events'],
  ['#/host', 'Host'],
  ['#/run', 'Run'],
];

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** The views without parameters, by the hash's first word. */
const PAGES: Record<string, () => JSX.Element> = {
  projects: () => <ProjectsPage />,
  images: () => <ImagesPage />,
  volumes: () => <VolumesPage />,
  networks: () => <NetworksPage />,
  events: () => <EventsPage />,
  host: () => <HostPage />,
  run: () => <RunPage />,
};

function page(hash: string) {
  const [, first, ...rest] = hash.slice(1).split('/');
  if (first === 'c') return <ContainerPage key={rest[0]} id={decodeURIComponent(rest[0] ?? '')} tab={rest[1] ?? 'overview'} />;
  return (PAGES[first] ?? (() => <ContainersPage />))();
}

function App() {
  const hash = useHash();
  const current = '#/' + (hash.slice(2).split('/')[0] === 'c' ? '' : hash.slice(2).split('/')[0]);
  return (
    <>
      <header>
        <span class="brand">berth</span>
        <nav>
          {NAV.map(([href, label]) => (
            <a href={href} class={href === current ? 'active' : ''}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main>{page(hash)}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
