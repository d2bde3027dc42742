// The host: /info and /system/df, as `docker info` and `docker system df` show them.
import { getJSON } from '../api';
import { bytes } from '../format';
import { ErrorLine, Head, Section, useLoad } from '../widgets';

type Info = Record<string, unknown> & { Name: string; ServerVersion: string; KernelVersion: string; OperatingSystem: string; NCPU: number; MemTotal: number; Containers: number; ContainersRunning: number; ContainersPaused: number; ContainersStopped: number; Images: number; Driver: string; CgroupVersion: string; DockerRootDir: string; DefaultRuntime: string };
interface Df {
  LayersSize: number;
  Images: { Size: number; Containers: number }[];
  Containers: { SizeRw?: number; State: string }[];
  Volumes: { UsageData?: { Size: number; RefCount: number } }[];
}

export function HostPage() {
  const info = useLoad(() => getJSON<Info>('/info'));
  const df = useLoad(() => getJSON<Df>('/system/df'));
  const i = info.value;
  const d = df.value;
  return (
    <>
      <h1>Host</h1>
      <ErrorLine error={info.error ?? df.error} />
      <div class="grid">
        {i && (
          <Section title="Info">
            <dl id="info">
              {(
                [
                  ['Name', i.Name],
                  ['Server version', i.ServerVersion],
                  ['Kernel', i.KernelVersion],
                  ['OS', i.OperatingSystem],
                  ['CPUs', i.NCPU],
                  ['Memory', bytes(i.MemTotal)],
                  ['Containers', `${i.Containers} (${i.ContainersRunning} running, ${i.ContainersPaused} paused, ${i.ContainersStopped} stopped)`],
                  ['Images', i.Images],
                  ['Storage driver', i.Driver],
                  ['Cgroup version', i.CgroupVersion],
                  ['Default runtime', i.DefaultRuntime],
                  ['Root dir', i.DockerRootDir],
                ] as [string, unknown][]
              ).map(([k, v]) => (
                <>
                  <dt>{k}</dt>
                  <dd>{String(v)}</dd>
                </>
              ))}
            </dl>
          </Section>
        )}
        {d && (
          <Section title="Disk usage">
            <table class="list" id="df">
              <Head cols={['Type', 'Total', 'Active', 'Size']} />
              <tbody>
                <tr>
                  <td>Images</td>
                  <td>{d.Images.length}</td>
                  <td>{d.Images.filter((x) => x.Containers > 0).length}</td>
                  <td>{bytes(d.LayersSize)}</td>
                </tr>
                <tr>
                  <td>Containers</td>
                  <td>{d.Containers.length}</td>
                  <td>{d.Containers.filter((x) => x.State === 'running').length}</td>
                  <td>{bytes(d.Containers.reduce((a, x) => a + (x.SizeRw ?? 0), 0))}</td>
                </tr>
                <tr>
                  <td>Local volumes</td>
                  <td>{d.Volumes.length}</td>
                  <td>{d.Volumes.filter((x) => (x.UsageData?.RefCount ?? 0) > 0).length}</td>
                  <td>{bytes(d.Volumes.reduce((a, x) => a + Math.max(0, x.UsageData?.Size ?? 0), 0))}</td>
                </tr>
              </tbody>
            </table>
          </Section>
        )}
      </div>
    </>
  );
}
