// tar-stream (with streamx under it), loaded on the first archive: layer
// extraction, cp, commit, save and load need it, an idle berthd does not.
import { lazy } from '../lazy';

export const tarStream = lazy(() => require('tar-stream') as typeof import('tar-stream'));
