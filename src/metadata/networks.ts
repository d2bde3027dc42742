// Networks and their endpoints: one row each, the record as JSON. Each
// change is one statement, so one transaction.
import type { EndpointRecord, NetworkRecord, NetworkStore } from '../network/types';
import type { DB, Migration } from './db';

export const networkMigrations: Migration[] = [
  {
    id: 'networks-001',
    sql: `CREATE TABLE networks (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      record TEXT NOT NULL
    );
    CREATE TABLE endpoints (
      container_id TEXT NOT NULL,
      network_id TEXT NOT NULL REFERENCES networks(id),
      record TEXT NOT NULL,
      PRIMARY KEY (container_id, network_id)
    );
    CREATE INDEX endpoints_network ON endpoints(network_id);`,
  },
];

export class SqliteNetworkStore implements NetworkStore {
  private readonly s;

  constructor(db: DB) {
    this.s = {
      all: db.prepare('SELECT record FROM networks ORDER BY name'),
      get: db.prepare('SELECT record FROM networks WHERE id = ?'),
      byName: db.prepare('SELECT record FROM networks WHERE name = ?'),
      put: db.prepare('INSERT INTO networks (id, name, record) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, record = excluded.record'),
      del: db.prepare('DELETE FROM networks WHERE id = ?'),
      eps: db.prepare('SELECT record FROM endpoints'),
      epsByC: db.prepare('SELECT record FROM endpoints WHERE container_id = ?'),
      epsByN: db.prepare('SELECT record FROM endpoints WHERE network_id = ?'),
      putEp: db.prepare('INSERT OR REPLACE INTO endpoints (container_id, network_id, record) VALUES (?, ?, ?)'),
      delEp: db.prepare('DELETE FROM endpoints WHERE container_id = ? AND network_id = ?'),
    };
  }

  /** Parsed networks for readers that only look (a `ps` asks once per container); dropped on every write. */
  private readonly parsed = new Map<string, NetworkRecord | undefined>();

  /** A network shared with other readers: never change what this returns. */
  readonlyNetwork(id: string): Readonly<NetworkRecord> | undefined {
    if (!this.parsed.has(id)) this.parsed.set(id, this.network(id));
    return this.parsed.get(id);
  }

  readonlyNetworkByName(name: string): Readonly<NetworkRecord> | undefined {
    const key = `name:${name}`;
    if (!this.parsed.has(key)) this.parsed.set(key, this.networkByName(name));
    return this.parsed.get(key);
  }

  networks(): NetworkRecord[] {
    return rows<NetworkRecord>(this.s.all.all());
  }
  network(id: string): NetworkRecord | undefined {
    return rows<NetworkRecord>([this.s.get.get(id)])[0];
  }
  networkByName(name: string): NetworkRecord | undefined {
    return rows<NetworkRecord>([this.s.byName.get(name)])[0];
  }
  putNetwork(n: NetworkRecord): void {
    this.parsed.clear();
    this.s.put.run(n.id, n.name, JSON.stringify(n));
  }
  deleteNetwork(id: string): void {
    this.parsed.clear();
    this.s.del.run(id);
  }
  endpoints(filter: { containerId?: string; networkId?: string } = {}): EndpointRecord[] {
    let list: EndpointRecord[];
    if (filter.containerId) list = rows(this.s.epsByC.all(filter.containerId));
    else if (filter.networkId) list = rows(this.s.epsByN.all(filter.networkId));
    else list = rows(this.s.eps.all());
    return list.filter((e) => (!filter.networkId || e.networkId === filter.networkId));
  }
  putEndpoint(e: EndpointRecord): void {
    this.s.putEp.run(e.containerId, e.networkId, JSON.stringify(e));
  }
  deleteEndpoint(containerId: string, networkId: string): void {
    this.s.delEp.run(containerId, networkId);
  }
}

function rows<T>(list: unknown[]): T[] {
  return list.filter(Boolean).map((r) => JSON.parse((r as { record: string }).record) as T);
}
