/**
 * The agent's "home network" for the network-change tests: a Linux network namespace joined to this
 * machine by a veth pair on a private /24 that nothing else routes. A browser started inside it
 * (through `chromiumPath`, a wrapper running `ip netns exec`) reaches the rig only over that link,
 * so the test can change the agent's address and cut its route the way a home network does.
 * Needs root (or passwordless sudo) for `ip`; everything made here is removed by close().
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface AgentNetwork {
  /** The namespace's name (for `ip netns exec`, e.g. a native phone started inside it). */
  namespace: string;
  /** This machine's end of the link: where the rig listens for the agent. */
  hostAddress: string;
  /** The agent's address now. */
  agentAddress: string;
  /** An executable that starts Debian's Chromium inside the namespace (for playwright's executablePath). */
  chromiumPath: string;
  /**
   * The route drops (link down) for `outageMs`, and the agent comes back with `nextAddress`, as
   * when a laptop moves from one network to another. Resolves with the moments (Date.now()) the
   * route went away and came back. The link moved is the first one (the Wi-Fi).
   */
  moveAgent(nextAddress: string, outageMs: number): Promise<{ downAt: number; upAt: number }>;
  /**
   * Wi-Fi to cable and back: the other link to this machine (the cable has its own subnet) comes
   * up and takes the default route, then the one in use goes down, as when a laptop is docked and
   * its Wi-Fi then drops, or undocked with the Wi-Fi back. Resolves with the moment (Date.now())
   * the link that was in use went down.
   */
  switchLinks(): Promise<{ switchedAt: number }>;
  /** Runs a command inside the namespace (iptables rules for loss, for example). */
  inside(command: string[]): Promise<string>;
  close(): Promise<void>;
}

async function ip(args: string[]): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const { stdout } = await exec(asRoot ? 'ip' : 'sudo', asRoot ? args : ['-n', 'ip', ...args], { timeout: 10_000 });
  return stdout;
}

/** Fails with the reason when this machine cannot make namespaces (no root, no `ip`), before anything is made. */
export async function checkNamespacesPossible(): Promise<void> {
  try {
    await ip(['netns', 'list']);
  } catch (cause) {
    throw new Error(`the network-change tests need root (or passwordless sudo) and iproute2 to make a network namespace: ${String(cause)}`, { cause });
  }
}

export async function openAgentNetwork(): Promise<AgentNetwork> {
  await checkNamespacesPossible();
  const id = `${process.pid % 10_000}${Math.floor(Math.random() * 100)}`;
  const name = `centralita-agent-${id}`;
  const hostSide = `ctl${id}h`;
  const agentSide = `ctl${id}a`;
  const cableHostSide = `ctl${id}c`;
  const cableAgentSide = `ctl${id}b`;
  const subnetNumber = 1 + Math.floor(Math.random() * 250);
  const subnet = `10.213.${subnetNumber}`;
  const cableSubnet = `10.214.${subnetNumber}`;
  const hostAddress = `${subnet}.1`;
  let agentAddress = `${subnet}.2`;
  /** The agent's address on the first link (the Wi-Fi), kept while the cable is in use. */
  let wifiAddress = agentAddress;
  let cableMade = false;
  let onCable = false;
  const work = mkdtempSync(join(tmpdir(), 'centralita-netns-'));
  const close = async () => {
    // Deleting the namespace deletes its end of the veth, and with it this machine's end.
    await ip(['netns', 'del', name]).catch(() => undefined);
    await ip(['link', 'del', hostSide]).catch(() => undefined);
    await ip(['link', 'del', cableHostSide]).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await ip(['netns', 'add', name]);
    await ip(['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', agentSide]);
    await ip(['link', 'set', agentSide, 'netns', name]);
    await ip(['addr', 'add', `${hostAddress}/24`, 'dev', hostSide]);
    await ip(['link', 'set', hostSide, 'up']);
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
    await ip(['-n', name, 'addr', 'add', `${agentAddress}/24`, 'dev', agentSide]);
    await ip(['-n', name, 'link', 'set', agentSide, 'up']);
    // A home network has a way out (its router): Chromium picks its default local address from it.
    await ip(['-n', name, 'route', 'add', 'default', 'via', hostAddress]);
    const chromiumPath = join(work, 'chromium-in-netns');
    const sudo = process.getuid?.() === 0 ? '' : 'sudo -n ';
    writeFileSync(chromiumPath, `#!/bin/sh\nexec ${sudo}ip netns exec ${name} /usr/bin/chromium "$@"\n`);
    chmodSync(chromiumPath, 0o755);
    return {
      namespace: name,
      hostAddress,
      get agentAddress() {
        return agentAddress;
      },
      chromiumPath,
      async moveAgent(nextAddress, outageMs) {
        if (onCable) throw new Error('moveAgent moves the Wi-Fi link, and the agent is on the cable: switchLinks() back first');
        const downAt = Date.now();
        await ip(['-n', name, 'link', 'set', agentSide, 'down']);
        await ip(['-n', name, 'addr', 'del', `${agentAddress}/24`, 'dev', agentSide]);
        await ip(['-n', name, 'addr', 'add', `${nextAddress}/24`, 'dev', agentSide]);
        agentAddress = nextAddress;
        wifiAddress = nextAddress;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, downAt + outageMs - Date.now())));
        await ip(['-n', name, 'link', 'set', agentSide, 'up']);
        // The default route went with the link; DHCP on a real network gives it back.
        await ip(['-n', name, 'route', 'replace', 'default', 'via', hostAddress]);
        return { downAt, upAt: Date.now() };
      },
      async switchLinks() {
        if (!cableMade) {
          await ip(['link', 'add', cableHostSide, 'type', 'veth', 'peer', 'name', cableAgentSide]);
          await ip(['link', 'set', cableAgentSide, 'netns', name]);
          await ip(['addr', 'add', `${cableSubnet}.1/24`, 'dev', cableHostSide]);
          await ip(['link', 'set', cableHostSide, 'up']);
          await ip(['-n', name, 'addr', 'add', `${cableSubnet}.2/24`, 'dev', cableAgentSide]);
          cableMade = true;
        }
        const next = onCable ? { device: agentSide, gateway: hostAddress, address: wifiAddress } : { device: cableAgentSide, gateway: `${cableSubnet}.1`, address: `${cableSubnet}.2` };
        const inUse = onCable ? cableAgentSide : agentSide;
        await ip(['-n', name, 'link', 'set', next.device, 'up']);
        await ip(['-n', name, 'route', 'replace', 'default', 'via', next.gateway]);
        const switchedAt = Date.now();
        await ip(['-n', name, 'link', 'set', inUse, 'down']);
        agentAddress = next.address;
        onCable = !onCable;
        return { switchedAt };
      },
      async inside(command) {
        return ip(['netns', 'exec', name, ...command]);
      },
      close,
    };
  } catch (cause) {
    await close();
    throw cause;
  }
}
