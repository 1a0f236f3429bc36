import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  body: string;
}

/**
 * The benchmark's HTTP client: node:http with keep-alive costs the client a fraction of
 * fetch's CPU, which on a co-located benchmark is the system's CPU too.
 */
export class BenchHttp {
  // Enough sockets that an open loop never queues behind its own client.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1024 });

  post(url: string, apiKey: string, body?: unknown): Promise<Answer> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'content-length': Buffer.byteLength(payload),
        },
      });
      req.once('error', reject);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.once('error', reject);
      });
      req.end(payload);
    });
  }

  /** Posts and expects `status`, or throws with what came back instead. */
  async expect(status: number, url: string, apiKey: string, body?: unknown): Promise<string> {
    const answer = await this.post(url, apiKey, body);
    if (answer.status !== status) throw new Error(`POST ${new URL(url).pathname} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    return answer.body;
  }

  destroy(): void {
    this.agent.destroy();
  }
}
