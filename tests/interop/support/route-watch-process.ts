/**
 * The desktop's route watch (src-main/services/network/route-watch.ts) as a process of its own,
 * so a test can run it inside the agent's network namespace, where the agent's main process
 * would run. Follows `host:port` (argv) with the OS's own readings and prints each move as one
 * JSON line; ends on SIGTERM.
 */
import { osSourceAddress, RouteWatch } from '../../../src-main/services/network/route-watch';

const [host, port] = [process.argv[2] ?? '', Number(process.argv[3])];
if (!host || !Number.isInteger(port)) throw new Error('usage: route-watch-process <host> <port>');
const watch = new RouteWatch(
  { sourceAddress: osSourceAddress(), setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout), now: Date.now },
  (move) => process.stdout.write(`${JSON.stringify(move)}\n`),
);
watch.follow([{ host, port }]);
process.stdout.write(`${JSON.stringify({ watching: `${host}:${port}` })}\n`);
// Stopped, the watch holds no timer and no socket: the process ends by itself.
process.on('SIGTERM', () => watch.stop());
