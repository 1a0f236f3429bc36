import { Injectable } from '@nestjs/common';
import { WebhookSettings } from './webhook.settings';

/** What the receiver made of one attempt. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  failure: 'status' | 'timeout' | 'network' | null;
  error: string | null;
  responseExcerpt: string | null;
}

/** Only the start of a response is kept: enough to see what went wrong, never a receiver's data in bulk. */
const EXCERPT_CHARS = 200;

/** POSTs one signed delivery within the timeout; redirects are not followed (the signature was made for this URL). */
@Injectable()
export class WebhookSender {
  constructor(private readonly settings: WebhookSettings) {}

  async send(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    const started = Date.now();
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'GridWhistle-Webhooks/1' },
        body,
        redirect: 'manual',
        signal,
      });
      const responseExcerpt = await excerpt(response);
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        statusCode: response.status,
        durationMs: Date.now() - started,
        failure: ok ? null : 'status',
        error: ok ? null : `HTTP ${response.status}`,
        responseExcerpt,
      };
    } catch (error) {
      const timedOut = signal.aborted;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return {
        ok: false,
        statusCode: null,
        durationMs: Date.now() - started,
        failure: timedOut ? 'timeout' : 'network',
        error: timedOut ? `no answer within ${this.settings.timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message),
        responseExcerpt: null,
      };
    }
  }
}

/** Reads no more of the body than the excerpt needs, then lets the rest go. */
async function excerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < EXCERPT_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text.length > 0 ? text.slice(0, EXCERPT_CHARS) : null;
}
