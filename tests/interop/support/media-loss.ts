/**
 * Random packet loss on the media of phones in the agent's namespace, with iptables inside it
 * (`-m statistic --mode random`, each packet dropped alone with the given probability, both
 * ways). Only UDP between the rig's media relay (rtpengine's port range on the link) and the
 * namespace is touched: the phones' SIP (WebSocket over TCP, or UDP to Kamailio's SIP port)
 * never is. Each phone gets its own chains, so the packets that crossed and the packets dropped
 * are counted per phone, per direction: the loss a test imposed, read from the wire.
 */
import type { AgentNetwork } from './agent-netns';

/** A phone in the namespace: its name (chain names) and, except for the last, its local UDP ports. */
export interface LossyPhone {
  name: string;
  /** Its RTP ports; the last phone listed takes whatever media the others did not match. */
  ports?: [number, number];
}

export interface DirectionCount {
  packets: number;
  dropped: number;
}

export interface MediaLoss {
  /** Counts since the last reset, per phone: media coming in and going out. */
  counts(): Promise<Record<string, { in: DirectionCount; out: DirectionCount }>>;
  reset(): Promise<void>;
  remove(): Promise<void>;
}

const chain = (phone: string, direction: 'IN' | 'OUT'): string => `LOSS_${direction}_${phone.toUpperCase()}`.slice(0, 28);

export async function imposeMediaLoss(network: AgentNetwork, options: { rigAddress: string; rigPorts: [number, number]; probability: number; phones: LossyPhone[] }): Promise<MediaLoss> {
  if (!(options.probability > 0 && options.probability < 1)) throw new Error(`loss probability ${options.probability} is not in (0, 1)`);
  const iptables = (args: string[]) => network.inside(['iptables', '-w', ...args]);
  const rig = `${options.rigPorts[0]}:${options.rigPorts[1]}`;
  const rules: string[][] = [];
  for (const phone of options.phones) {
    const local = phone.ports ? `${phone.ports[0]}:${phone.ports[1]}` : null;
    for (const direction of ['IN', 'OUT'] as const) {
      const name = chain(phone.name, direction);
      await iptables(['-N', name]);
      await iptables(['-A', name, '-m', 'statistic', '--mode', 'random', '--probability', String(options.probability), '-j', 'DROP']);
      // Decided here: a packet that returned would meet the next phone's rules and be dropped twice as often.
      await iptables(['-A', name, '-j', 'ACCEPT']);
      const match =
        direction === 'IN'
          ? ['INPUT', '-p', 'udp', '-s', options.rigAddress, '--sport', rig, ...(local ? ['--dport', local] : [])]
          : ['OUTPUT', '-p', 'udp', '-d', options.rigAddress, '--dport', rig, ...(local ? ['--sport', local] : [])];
      const [builtIn, ...rest] = match;
      rules.push([builtIn as string, ...rest, '-j', name]);
      await iptables(['-A', builtIn as string, ...rest, '-j', name]);
    }
  }

  return {
    async counts() {
      // `iptables-save -c` prints each rule with its [packets:bytes] counter.
      const saved = await network.inside(['iptables-save', '-c', '-t', 'filter']);
      const counter = (line: string | undefined): number => Number(/^\[(\d+):/.exec(line ?? '')?.[1] ?? 'NaN');
      const lines = saved.split('\n');
      const result: Record<string, { in: DirectionCount; out: DirectionCount }> = {};
      for (const phone of options.phones) {
        const read = (direction: 'IN' | 'OUT'): DirectionCount => {
          const name = chain(phone.name, direction);
          const crossed = lines.find((line) => line.includes(`-A ${direction === 'IN' ? 'INPUT' : 'OUTPUT'} `) && line.endsWith(`-j ${name}`));
          const dropped = lines.find((line) => line.includes(`-A ${name} `) && line.endsWith('-j DROP'));
          return { packets: counter(crossed), dropped: counter(dropped) };
        };
        result[phone.name] = { in: read('IN'), out: read('OUT') };
      }
      return result;
    },
    async reset() {
      await iptables(['-Z']);
    },
    async remove() {
      for (const rule of rules) await iptables(['-D', ...rule]).catch(() => undefined);
      for (const phone of options.phones) {
        for (const direction of ['IN', 'OUT'] as const) {
          await iptables(['-F', chain(phone.name, direction)]).catch(() => undefined);
          await iptables(['-X', chain(phone.name, direction)]).catch(() => undefined);
        }
      }
    },
  };
}
