// berthd's own log: logfmt-ish lines on stderr, like dockerd's.
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'fatal';
const ORDER: Level[] = ['debug', 'info', 'warn', 'error', 'fatal'];

export function makeLogger(min: Level): (level: Exclude<Level, 'fatal'>, msg: string) => void {
  const threshold = ORDER.indexOf(min);
  return (level, msg) => {
    if (ORDER.indexOf(level) < threshold) return;
    process.stderr.write(`time="${new Date().toISOString()}" level=${level} msg=${JSON.stringify(msg)}\n`);
  };
}
