// ChainID per the OCI image spec (config.md, "Layer ChainID"):
//   ChainID(L0) = DiffID(L0)
//   ChainID(L0|…|Ln) = sha256(ChainID(L0|…|Ln-1) + " " + DiffID(Ln))
// A chainID names a layer *together with everything under it*, which is what
// a committed snapshot is; so snapshots of image layers are named by it.
import { sha256Digest, validateDigest } from '../util/digest';

export function chainIDs(diffIDs: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIDs) {
    validateDigest(d);
    out.push(out.length === 0 ? d : sha256Digest(`${out[out.length - 1]} ${d}`));
  }
  return out;
}

export function chainID(diffIDs: string[]): string | null {
  const all = chainIDs(diffIDs);
  return all.length ? all[all.length - 1] : null;
}
