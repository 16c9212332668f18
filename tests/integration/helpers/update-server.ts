/**
 * A local update server as IT would run one: a plain HTTP folder holding the release metadata
 * electron-builder publishes (latest*.yml, beta*.yml) and the installers it names. The metadata
 * is generated the way electron-builder writes it: version, files with sha512 (base64) and size,
 * the legacy path/sha512 pair, releaseDate, and stagingPercentage when a rollout is staged.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';

export interface Release {
  version: string;
  /** Installer bytes; their hash and size go into the metadata like electron-builder's. */
  installer: Buffer;
  stagingPercentage?: number;
}

/** electron-builder's channel file names: no suffix on Windows, -mac on macOS, -linux on Linux (x64). */
export function channelFile(channel: 'latest' | 'beta', platform: NodeJS.Platform): string {
  const suffix = platform === 'darwin' ? '-mac' : platform === 'linux' ? '-linux' : '';
  return `${channel}${suffix}.yml`;
}

export function installerName(version: string, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `Centralita-${version}-universal-mac.zip`;
  if (platform === 'linux') return `Centralita-${version}-x86_64.AppImage`;
  return `Centralita-Setup-${version}.exe`;
}

export function releaseMetadata(release: Release, platform: NodeJS.Platform, releaseDate = new Date()): string {
  const url = installerName(release.version, platform);
  const sha512 = createHash('sha512').update(release.installer).digest('base64');
  const info: Record<string, unknown> = {
    version: release.version,
    files: [{ url, sha512, size: release.installer.length }],
    path: url,
    sha512,
    releaseDate: releaseDate.toISOString(),
  };
  if (release.stagingPercentage !== undefined) info.stagingPercentage = release.stagingPercentage;
  return stringify(info);
}

export interface UpdateServer {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  publish(channel: 'latest' | 'beta', release: Release, platform: NodeJS.Platform): void;
  close(): Promise<void>;
}

export async function startUpdateServer(): Promise<UpdateServer> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(pathname);
    const body = files.get(pathname.slice(1));
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': pathname.endsWith('.yml') ? 'text/yaml' : 'application/octet-stream', 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/centralita/`,
    requests,
    publish(channel, release, platform) {
      files.set(`centralita/${channelFile(channel, platform)}`, Buffer.from(releaseMetadata(release, platform)));
      files.set(`centralita/${installerName(release.version, platform)}`, release.installer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
