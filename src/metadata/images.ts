// Image metadata in SQLite: images (keyed by config digest), references
// (repo:tag and repo@digest → image), layers (keyed by chainID, one committed
// snapshot each) and which images use which layers. The config JSON is kept
// in the row as well as in the content store so that the container side can
// read it synchronously; the blob stays the content-addressed original.
//
// imageMigrations includes the snapshot table: the daemon passes this one list.
import type { DB, Migration } from './db';
import { snapshotMigrations } from './snapshots';

export const imageMigrations: Migration[] = [
  ...snapshotMigrations,
  {
    id: 'images-001',
    sql: `
      CREATE TABLE layers (
        chain_id TEXT PRIMARY KEY,
        diff_id TEXT NOT NULL,
        parent TEXT,
        blob_digest TEXT,
        media_type TEXT,
        diff_size INTEGER NOT NULL,
        created TEXT NOT NULL
      );
      CREATE INDEX layers_blob ON layers(blob_digest);
      CREATE TABLE images (
        id TEXT PRIMARY KEY,
        parent TEXT,
        config TEXT NOT NULL,
        manifest_digest TEXT,
        created TEXT NOT NULL,
        size INTEGER NOT NULL,
        top_chain TEXT,
        last_tag_time TEXT,
        added TEXT NOT NULL
      );
      CREATE INDEX images_parent ON images(parent);
      CREATE TABLE image_layers (
        image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        chain_id TEXT NOT NULL REFERENCES layers(chain_id),
        PRIMARY KEY (image_id, position)
      );
      CREATE INDEX image_layers_chain ON image_layers(chain_id);
      CREATE TABLE image_refs (
        ref TEXT PRIMARY KEY,
        image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        tag TEXT,
        digest TEXT,
        added TEXT NOT NULL
      );
      CREATE INDEX image_refs_image ON image_refs(image_id);
    `,
  },
];

export interface ImageRow {
  id: string;
  parent: string | null;
  /** The image config JSON, byte-identical to the config blob. */
  config: string;
  manifestDigest: string | null;
  /** config.created */
  created: string;
  /** Sum of the layers' diff sizes. */
  size: number;
  topChain: string | null;
  lastTagTime: string | null;
  added: string;
}

export interface RefRow {
  /** Fully-qualified: docker.io/library/busybox:latest or docker.io/library/busybox@sha256:… */
  ref: string;
  imageId: string;
  /** Fully-qualified repository name: docker.io/library/busybox */
  name: string;
  tag: string | null;
  digest: string | null;
  added: string;
}

export interface LayerRow {
  chainId: string;
  diffId: string;
  parent: string | null;
  /** The (possibly compressed) layer blob in the content store, when kept. */
  blobDigest: string | null;
  mediaType: string | null;
  diffSize: number;
  created: string;
}

export interface ImageRecords {
  /** fn must be synchronous; a throw rolls everything back. Nested calls become savepoints. */
  transaction<T>(fn: () => T): T;
  image(id: string): ImageRow | undefined;
  images(): ImageRow[];
  /** Image ids starting with sha256:<hexPrefix>. */
  idsByPrefix(hexPrefix: string): string[];
  children(id: string): string[];
  /** Inserts an image and its layer list; false if it already existed (then nothing changes). */
  insertImage(row: ImageRow, chainIds: string[]): boolean;
  deleteImage(id: string): void;
  setLastTagTime(id: string, time: string): void;
  ref(ref: string): RefRow | undefined;
  refs(): RefRow[];
  refsOf(imageId: string): RefRow[];
  /** Points a reference at an image (moving it if it pointed elsewhere); returns the previous image id. */
  setRef(row: RefRow): string | undefined;
  deleteRef(ref: string): boolean;
  layer(chainId: string): LayerRow | undefined;
  layers(): LayerRow[];
  insertLayer(row: LayerRow): void;
  deleteLayer(chainId: string): void;
  /** Chain ids of an image, bottom layer first. */
  layersOf(imageId: string): string[];
  /** How many images use this layer. */
  layerUsers(chainId: string): number;
  /** Layer rows no image uses any more (GC candidates). */
  unusedLayers(): LayerRow[];
  /** How many layer rows keep this blob. */
  blobUsers(digest: string): number;
}

const imageCols = `id, parent, config, manifest_digest AS manifestDigest, created, size, top_chain AS topChain,
  last_tag_time AS lastTagTime, added`;
const refCols = 'ref, image_id AS imageId, name, tag, digest, added';
const layerCols = `chain_id AS chainId, diff_id AS diffId, parent, blob_digest AS blobDigest, media_type AS mediaType,
  diff_size AS diffSize, created`;

export function createImageRecords(db: DB): ImageRecords {
  const s = {
    image: db.prepare(`SELECT ${imageCols} FROM images WHERE id = ?`),
    images: db.prepare(`SELECT ${imageCols} FROM images ORDER BY created DESC, id`),
    prefix: db.prepare(`SELECT id FROM images WHERE id LIKE ? ORDER BY id`),
    children: db.prepare('SELECT id FROM images WHERE parent = ?'),
    insertImage: db.prepare(
      `INSERT OR IGNORE INTO images (id, parent, config, manifest_digest, created, size, top_chain, last_tag_time, added)
       VALUES (@id, @parent, @config, @manifestDigest, @created, @size, @topChain, @lastTagTime, @added)`,
    ),
    insertImageLayer: db.prepare('INSERT INTO image_layers (image_id, position, chain_id) VALUES (?, ?, ?)'),
    deleteImage: db.prepare('DELETE FROM images WHERE id = ?'),
    tagTime: db.prepare('UPDATE images SET last_tag_time = ? WHERE id = ?'),
    ref: db.prepare(`SELECT ${refCols} FROM image_refs WHERE ref = ?`),
    refs: db.prepare(`SELECT ${refCols} FROM image_refs ORDER BY ref`),
    refsOf: db.prepare(`SELECT ${refCols} FROM image_refs WHERE image_id = ? ORDER BY ref`),
    upsertRef: db.prepare(
      `INSERT INTO image_refs (ref, image_id, name, tag, digest, added) VALUES (@ref, @imageId, @name, @tag, @digest, @added)
       ON CONFLICT(ref) DO UPDATE SET image_id = excluded.image_id, added = excluded.added`,
    ),
    deleteRef: db.prepare('DELETE FROM image_refs WHERE ref = ?'),
    layer: db.prepare(`SELECT ${layerCols} FROM layers WHERE chain_id = ?`),
    layers: db.prepare(`SELECT ${layerCols} FROM layers`),
    insertLayer: db.prepare(
      `INSERT OR IGNORE INTO layers (chain_id, diff_id, parent, blob_digest, media_type, diff_size, created)
       VALUES (@chainId, @diffId, @parent, @blobDigest, @mediaType, @diffSize, @created)`,
    ),
    deleteLayer: db.prepare('DELETE FROM layers WHERE chain_id = ?'),
    layersOf: db.prepare('SELECT chain_id AS c FROM image_layers WHERE image_id = ? ORDER BY position'),
    unused: db.prepare(
      `SELECT ${layerCols} FROM layers WHERE NOT EXISTS (SELECT 1 FROM image_layers il WHERE il.chain_id = layers.chain_id)`,
    ),
    blobUsers: db.prepare('SELECT COUNT(*) AS n FROM layers WHERE blob_digest = ?'),
    layerUsers: db.prepare('SELECT COUNT(*) AS n FROM image_layers WHERE chain_id = ?'),
  };
  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    image: (id) => s.image.get(id) as ImageRow | undefined,
    images: () => s.images.all() as ImageRow[],
    idsByPrefix: (hex) => (/^[a-f0-9]+$/.test(hex) ? (s.prefix.all(`sha256:${hex}%`) as { id: string }[]).map((r) => r.id) : []),
    children: (id) => (s.children.all(id) as { id: string }[]).map((r) => r.id),
    insertImage(row, chainIds) {
      return db.transaction(() => {
        if (s.insertImage.run(row).changes === 0) return false;
        chainIds.forEach((c, i) => s.insertImageLayer.run(row.id, i, c));
        return true;
      })();
    },
    deleteImage: (id) => void s.deleteImage.run(id),
    setLastTagTime: (id, time) => void s.tagTime.run(time, id),
    ref: (ref) => s.ref.get(ref) as RefRow | undefined,
    refs: () => s.refs.all() as RefRow[],
    refsOf: (id) => s.refsOf.all(id) as RefRow[],
    setRef(row) {
      const prev = s.ref.get(row.ref) as RefRow | undefined;
      s.upsertRef.run(row);
      return prev && prev.imageId !== row.imageId ? prev.imageId : undefined;
    },
    deleteRef: (ref) => s.deleteRef.run(ref).changes > 0,
    layer: (c) => s.layer.get(c) as LayerRow | undefined,
    layers: () => s.layers.all() as LayerRow[],
    insertLayer: (row) => void s.insertLayer.run(row),
    deleteLayer: (c) => void s.deleteLayer.run(c),
    layersOf: (id) => (s.layersOf.all(id) as { c: string }[]).map((r) => r.c),
    layerUsers: (c) => (s.layerUsers.get(c) as { n: number }).n,
    unusedLayers: () => s.unused.all() as LayerRow[],
    blobUsers: (d) => (s.blobUsers.get(d) as { n: number }).n,
  };
}
