import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NAMES, isSecretName, operatorSecrets, refusals } from './deployment-env';
import { rolePasswords, toolEnv } from './system/setup';

const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Vars = Record<string, string | undefined>;
interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  volumes?: string[];
}

const compose: { services: Record<string, ComposeService>; volumes: Record<string, unknown> } = parse(read('docker-compose.yml'), { merge: true });
const services = compose.services;

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, and $$ for $. */
function interpolate(value: string, vars: Vars): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:?)([-?])([^}]*))?\}/g, (whole, name: string, colon: string, op: string, arg: string) => {
    if (whole === '$$') return '$';
    const given = vars[name];
    const missing = given === undefined || (colon === ':' && given === '');
    if (!missing) return given!;
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? arg : '';
  });
}

/** A container's environment as compose would give it, with `vars` as the host's environment. */
const environmentOf = (service: string, vars: Vars): Record<string, string> =>
  Object.fromEntries(Object.entries(services[service].environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]));

/** `a:b[:ro]` bind mounts of a service, host path first. */
const bindMounts = (service: string) =>
  (services[service].volumes ?? []).map((volume) => volume.split(':')).filter(([host]) => host.startsWith('./'));

const LOCAL_VARS: Vars = Object.fromEntries(
  read('deploy/compose.local.env')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const ALWAYS_REQUIRED = { POSTGRES_PASSWORD: 'x', GRAFANA_ADMIN_PASSWORD: 'x' };

describe('docker-compose.yml', () => {
  const longRunning = Object.keys(services).filter((name) => name !== 'setup');

  it('runs Kafka, Postgres, setup, the four services, Prometheus and Grafana, each long-running one with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['department', 'feedback', 'grafana', 'intake', 'kafka', 'postgres', 'prometheus', 'routing', 'setup']);
    for (const name of longRunning) expect({ name, test: services[name].healthcheck?.test.length }).toEqual({ name, test: expect.any(Number) });
    for (const service of SERVICE_NAMES) {
      expect(services[service].depends_on).toEqual({ setup: { condition: 'service_completed_successfully' } });
      expect(services[service].healthcheck!.test.join(' ')).toContain("'/health'");
      expect(services[service].restart).toBe('unless-stopped');
    }
    expect(services.setup.restart).toBe('no');
    expect(services.setup.command).toContain('dist/deploy/system/setup.main.js');
  });

  it('starts a container only after what it waits for is healthy, and keeps data in named volumes', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
        if (condition === 'service_healthy') expect(services[dependency].healthcheck).toBeDefined();
      }
    }
    expect(services.kafka.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    const named = Object.values(services).flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0]).filter((source) => !source.startsWith('./')));
    expect(named.sort()).toEqual(Object.keys(compose.volumes).sort());
  });

  it('gives each service what its environment class asks for in production, with the secrets from the environment', () => {
    const vars = operatorSecrets();
    for (const service of SERVICE_NAMES) {
      const env = environmentOf(service, vars);
      expect({ service, refused: refusals(service, env) }).toEqual({ service, refused: [] });
      expect(env.GRIDWHISTLE_PROFILE).toBe('production');
    }
    // Setup reads the services' Kafka settings and creates each role with its service's password.
    const setup = environmentOf('setup', vars);
    expect(toolEnv(setup).GRIDWHISTLE_PROFILE).toBe('production');
    expect(rolePasswords(setup, 'production')).toEqual({
      intake: vars.DB_PASSWORD_INTAKE,
      routing: vars.DB_PASSWORD_ROUTING,
      department: vars.DB_PASSWORD_DEPARTMENT,
      feedback: vars.DB_PASSWORD_FEEDBACK,
    });
    expect(setup.DATABASE_URL).toBe(`postgres://postgres:${vars.POSTGRES_PASSWORD}@postgres:5432/gridwhistle`);
  });

  it('fails closed: without secrets in the environment every service refuses to start, and Postgres and Grafana ask for theirs', () => {
    for (const service of SERVICE_NAMES) {
      expect(refusals(service, environmentOf(service, ALWAYS_REQUIRED))).toContain(
        "DB_PASSWORD must be set to the service role's own password, not the development default",
      );
    }
    expect(refusals('intake', environmentOf('intake', ALWAYS_REQUIRED)).join('\n')).toMatch(/PII_ENCRYPTION_KEY must be a key of your own/);
    expect(() => environmentOf('postgres', {})).toThrow(/POSTGRES_PASSWORD/);
    expect(() => environmentOf('setup', {})).toThrow(/POSTGRES_PASSWORD/);
    expect(() => environmentOf('grafana', {})).toThrow(/GRAFANA_ADMIN_PASSWORD/);
  });

  it('runs the local profile with deploy/compose.local.env alone, and that file holds no service secret', () => {
    expect(LOCAL_VARS.GRIDWHISTLE_PROFILE).toBe('local');
    expect(Object.keys(LOCAL_VARS).sort()).toEqual(['GRAFANA_ADMIN_PASSWORD', 'GRIDWHISTLE_PROFILE', 'POSTGRES_PASSWORD', 'RESIDENT_NOTIFIER']);
    for (const service of SERVICE_NAMES) expect({ service, refused: refusals(service, environmentOf(service, LOCAL_VARS)) }).toEqual({ service, refused: [] });
    expect(rolePasswords(environmentOf('setup', LOCAL_VARS), 'local').intake).toBe('gw_intake_local');
  });

  it('hard-codes no secret: each comes from the environment without a default, and services get no admin credentials', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [variable, raw] of Object.entries(service.environment ?? {})) {
        if (!isSecretName(variable) || variable === 'GF_SECURITY_ADMIN_USER') continue;
        expect({ name, variable, raw }).toEqual({ name, variable, raw: expect.stringMatching(/^\$\{[A-Z0-9_]+(:-|:\?[^}]*)?\}$/) });
      }
    }
    for (const service of SERVICE_NAMES) expect(environmentOf(service, operatorSecrets()).DATABASE_URL).toBe('postgres://postgres:5432/gridwhistle');
    expect(read('docker-compose.yml')).not.toMatch(/gw_[a-z]+_local|bG9jYWwtZGV2/);
  });

  it('has Prometheus scrape every service on its metrics port, with the token the services ask for', () => {
    const config = parse(read('deploy/prometheus/prometheus.yml'));
    const targets = config.scrape_configs.flatMap((job: { static_configs: { targets: string[] }[] }) => job.static_configs.flatMap((c) => c.targets));
    const metricsPorts = SERVICE_NAMES.map((s) => `${s}:${environmentOf(s, operatorSecrets()).METRICS_PORT}`);
    expect(targets.sort()).toEqual(metricsPorts.sort());
    for (const service of SERVICE_NAMES) expect(services[service].environment!.METRICS_TOKEN).toBe('${METRICS_TOKEN:-}');
    const tokenFile = config.scrape_configs[0].authorization.credentials_file;
    expect(services.prometheus.command!.join(' ')).toContain(`> ${tokenFile}`);
    expect(services.prometheus.environment!.METRICS_TOKEN).toBe('${METRICS_TOKEN:-}');
    // Prometheus' own config and rules folder are what the container reads.
    expect(bindMounts('prometheus')).toContainEqual(['./deploy/prometheus', '/etc/prometheus', 'ro']);
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
  });

  it('provisions Grafana from deploy/grafana: the Prometheus datasource and the dashboards folder', () => {
    const mounts = bindMounts('grafana');
    for (const [host] of mounts) expect({ host, exists: existsSync(join(ROOT, host)) }).toEqual({ host, exists: true });
    const target = (host: string) => mounts.find(([h]) => h === host)?.[1];
    expect(target('./deploy/grafana/provisioning')).toBe('/etc/grafana/provisioning');

    const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')).datasources;
    expect(datasources).toEqual([expect.objectContaining({ type: 'prometheus', uid: 'prometheus', url: 'http://prometheus:9090' })]);
    expect(services.prometheus.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:9090/');

    const providers = parse(read('deploy/grafana/provisioning/dashboards/gridwhistle.yml')).providers;
    expect(providers).toEqual([expect.objectContaining({ type: 'file', options: { path: target('./deploy/grafana/dashboards') } })]);
  });
});
