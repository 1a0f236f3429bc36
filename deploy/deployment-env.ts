import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidEnvironmentError, ServiceEnv, loadEnv } from '@gridwhistle/platform';
import { IntakeEnv } from '../services/intake/src/intake.env';
import { RoutingEnv } from '../services/routing/src/routing.env';
import { DepartmentEnv } from '../services/department/src/department.env';
import { FeedbackEnv } from '../services/feedback/src/feedback.env';

/** What the deployment tests check deployments against: each service's own environment class. */
export const SERVICE_ENVS: Record<string, new () => ServiceEnv> = {
  intake: IntakeEnv,
  routing: RoutingEnv,
  department: DepartmentEnv,
  feedback: FeedbackEnv,
};
export const SERVICE_NAMES = Object.keys(SERVICE_ENVS);

/** Values an operator could give each secret (and the SMS gateway): valid for the variable, and no development default. */
export function operatorSecrets(): Record<string, string> {
  return {
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FEEDBACK_PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    FEEDBACK_LINK_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    SMS_WEBHOOK_URL: 'https://sms-gateway.example.org/send',
    SMS_WEBHOOK_TOKEN: randomBytes(24).toString('hex'),
    METRICS_TOKEN: randomBytes(24).toString('hex'),
    POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
    GRAFANA_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    ...Object.fromEntries(SERVICE_NAMES.map((s) => [`DB_PASSWORD_${s.toUpperCase()}`, randomBytes(16).toString('hex')])),
  };
}

/** Why the service would refuse to start with this environment: its validation's lines, none if it starts. */
export function refusals(service: string, env: Record<string, string | undefined>): string[] {
  try {
    loadEnv(SERVICE_ENVS[service], env);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    return error.message.split('\n').slice(1).map((line) => line.trim());
  }
}

/** Names of variables that hold secrets. */
export const isSecretName = (name: string) => /PASSWORD|TOKEN|SECRET|_KEY$/.test(name);

/** What V8 lets a service's heap reach with deploy/service.node-options, in MiB (young and old generations). */
export function heapLimitMiB(): number {
  const options = readFileSync(join(__dirname, 'service.node-options'), 'utf8').split(/\s+/).filter(Boolean);
  const out = execFileSync(process.execPath, [...options, '-p', "require('v8').getHeapStatistics().heap_size_limit"], { encoding: 'utf8' });
  return Number(out) / 2 ** 20;
}
