// The dashboard's server side: static page, sessions, CSRF and origin checks,
// the hand-off of /api/ to the Engine API server in the same process, and the
// stats mux (many containers' stats streams over one websocket).
export { serveUi, type ApiHandler, type RunningUi, type UiOptions } from './server';
