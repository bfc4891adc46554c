// The terminal's trace output on a second port (the 5551 role, posxml.md "Transport"): every
// connected reader gets each line. Read-only; what it says never decides anything.
import net from 'node:net';

export class TraceServer {
  private readonly readers = new Set<net.Socket>();

  private constructor(private readonly server: net.Server) {
    server.on('connection', (socket) => {
      this.readers.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => this.readers.delete(socket));
      socket.resume(); // readers never send anything worth reading
    });
  }

  static async start(host: string, port: number): Promise<TraceServer> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return new TraceServer(server);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  trace(line: string): void {
    const text = `${new Date().toISOString().slice(11, 23)} ${line}\r\n`;
    for (const reader of this.readers) reader.write(text);
  }

  close(): Promise<void> {
    this.readers.forEach((reader) => reader.destroy());
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
