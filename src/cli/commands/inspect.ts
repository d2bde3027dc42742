// berth inspect [OPTIONS] NAME|ID [NAME|ID...]
import { MinArgs, type BerthCommand } from '../command';
import { isNotFound } from '../errors';
import { inspectAll } from '../inspect';

const DOCKER_TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NAME|ID [NAME|ID...]';
  cmd.argRule = MinArgs(1);
  cmd
    .value('-f, --format <string>', 'Format output using a custom template')
    .flag('-s, --size', 'Display total file sizes if the type is container')
    .value('--type <string>', 'Only inspect objects of the given type');
  cmd.handle(async (cli, args, o) => {
    const type = o.type as string | undefined;
    if (type !== undefined && type !== '' && !DOCKER_TYPES.includes(type)) throw new Error(`unknown type: ${JSON.stringify(type)}: must be one of ${DOCKER_TYPES.map((t) => JSON.stringify(t)).join(', ')}`);
    if (type && !['container', 'image', 'volume', 'network'].includes(type)) throw new Error(`berth does not support inspecting objects of type ${JSON.stringify(type)} yet`);
    const client = cli.client();
    const size = !!o.size;
    await inspectAll(cli, args, o.format as string | undefined, async (name) => {
      if (type === 'container') return client.containers.inspectRaw(name, { size });
      if (type === 'image') return client.images.inspectRaw(name);
      if (type === 'volume') return client.volumes.inspectRaw(name);
      if (type === 'network') return client.networks.inspectRaw(name);
      try {
        return await client.containers.inspectRaw(name, { size });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      try {
        return await client.images.inspectRaw(name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      try {
        return await client.networks.inspectRaw(name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      try {
        return await client.volumes.inspectRaw(name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      throw new Error(`Error: No such object: ${name}`);
    });
  });
}
