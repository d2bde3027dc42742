// `docker top`: the container's processes, read once (and again on request).
import { getJSON } from '../api';
import { ErrorLine, useLoad } from '../widgets';

export function TopTab(props: { id: string }) {
  const top = useLoad(() => getJSON<{ Titles: string[]; Processes: string[][] }>(`/containers/${props.id}/top?ps_args=-ef`), [props.id]);
  return (
    <>
      <button onClick={top.reload}>Refresh</button>
      <ErrorLine error={top.error} />
      <table class="list mono" id="top">
        <thead>
          <tr>{top.value?.Titles.map((t) => <th>{t}</th>)}</tr>
        </thead>
        <tbody>
          {top.value?.Processes.map((p) => (
            <tr>{p.map((x) => <td>{x}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
