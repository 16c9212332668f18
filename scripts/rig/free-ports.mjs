// Prints N loopback ports that are free for both TCP and UDP (Kamailio listens on both).
import net from 'node:net';
import dgram from 'node:dgram';

const count = Number(process.argv[2] ?? 1);

function freeTcpPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function udpFree(port) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

const ports = new Set();
while (ports.size < count) {
  const port = await freeTcpPort();
  if (!ports.has(port) && (await udpFree(port))) ports.add(port);
}
console.log([...ports].join(' '));
