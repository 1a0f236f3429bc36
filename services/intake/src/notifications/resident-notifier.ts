import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One text message to a resident; the idempotency key lets the gateway drop a resend. */
export interface ResidentMessage {
  phone: string;
  text: string;
  idempotencyKey: string;
}

/** How messages reach residents: pluggable, chosen by RESIDENT_NOTIFIER. Throws when the message was not taken. */
export abstract class ResidentNotifier {
  abstract send(message: ResidentMessage): Promise<void>;
}

/** Posts each message to an SMS gateway's webhook, with an Idempotency-Key so a retry sends nothing twice. */
export class WebhookNotifier extends ResidentNotifier {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {
    super();
  }

  async send({ phone, text, idempotencyKey }: ResidentMessage): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ to: phone, text }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`the SMS gateway answered ${response.status}`);
  }
}

/** For a development machine: appends each message to a file a person can read, the phone masked. */
export class FileNotifier extends ResidentNotifier {
  constructor(private readonly path: string) {
    super();
  }

  async send({ phone, text }: ResidentMessage): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${new Date().toISOString()} to ${maskPhone(phone)}: ${text}\n`, { mode: 0o600 });
  }
}

/** 13812345678 → 138****5678: enough for a person to tell messages apart, not to call anyone. */
export function maskPhone(phone: string): string {
  return phone.length > 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);
}
