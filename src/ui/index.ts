// The dashboard's server side: static page, sessions, CSRF and origin checks,
// and the hand-off of /api/ to the Engine API server in the same process.
export { serveUi, type ApiHandler, type RunningUi, type UiOptions } from './server';
