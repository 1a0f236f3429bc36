import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SERVICE_NAMES, heapLimitMiB, isSecretName, operatorSecrets, refusals } from '../deployment-env';
import { toolEnv } from '../system/setup';

/** Debian's kubectl, installed by the test set-up when missing (deploy/system/debian-packages.ts). */
const KUBECTL = '/usr/bin/kubectl';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  command?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string }[];
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  [probe: string]: unknown;
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[] };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Resource = { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec: any; data?: Record<string, string> };

function render(overlay: string): Resource[] {
  const out = execFileSync(KUBECTL, ['kustomize', join(__dirname, 'overlays', overlay)], { encoding: 'utf8' });
  return parseAllDocuments(out).map((doc) => doc.toJS() as Resource);
}

/** Mebibytes of a Kubernetes quantity such as 256Mi or 1Gi. */
const mebibytes = (quantity: string) => Number(/^(\d+)Mi$/.exec(quantity)?.[1] ?? Number(/^(\d+)Gi$/.exec(quantity)?.[1]) * 1024);
/** Whether a selector picks pods with these labels. */
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

/**
 * A container's environment as the cluster would give it: its ConfigMaps, its literal values,
 * and for each Secret reference (none holds a value here) what `secret` answers, or nothing.
 */
function environment(resources: Resource[], container: Container, secret: (variable: string) => string | undefined): Record<string, string | undefined> {
  const configMap = (name: string) => resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === name);
  const fromMaps = (container.envFrom ?? []).map((source) => {
    expect(source.secretRef).toBeUndefined(); // every Secret is referenced key by key, so the test knows what it gives
    const map = configMap(source.configMapRef!.name);
    expect({ configMap: source.configMapRef!.name, found: map !== undefined }).toEqual({ configMap: source.configMapRef!.name, found: true });
    return map!.data;
  });
  const own = (container.env ?? []).map((v) => [v.name, v.valueFrom?.secretKeyRef ? secret(v.name) : v.value]);
  return Object.assign({}, ...fromMaps, Object.fromEntries(own));
}

const secrets = operatorSecrets();
const HEAP_MIB = heapLimitMiB();
const operatorSecret = (variable: string) => secrets[variable] ?? `secret-${variable.toLowerCase()}-0123456789`;

describe.each(['local', 'production'])('deploy/k8s/overlays/%s', (overlay) => {
  const resources = render(overlay);
  const find = (kind: string, name: string) => resources.find((r) => r.kind === kind && r.metadata.name === name);
  const container = (workload: Resource) => (workload.spec.template as PodTemplate).spec.containers.find((c) => c.name === 'gridwhistle')!;

  describe.each(SERVICE_NAMES)('%s', (service) => {
    const name = `gridwhistle-${service}`;
    const deployment = find('Deployment', name)!;
    const pod: PodTemplate = deployment?.spec.template;

    it('runs as a Deployment of the one image, its main chosen by SERVICE, with requests and a memory limit above its heap bound', () => {
      expect(deployment).toBeDefined();
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(overlay === 'production' ? 2 : 1);
      const main = container(deployment);
      expect(environment(resources, main, operatorSecret).SERVICE).toBe(service);
      const { requests, limits } = main.resources;
      expect(requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      // The scheduler reserves the heap V8 may grow to; the limit adds room for code, stacks and buffers.
      expect(mebibytes(requests!.memory)).toBeGreaterThanOrEqual(HEAP_MIB);
      expect(mebibytes(limits!.memory)).toBeGreaterThanOrEqual(HEAP_MIB + 64);
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    });

    it('is ready, live and started by /health on the port it listens on', () => {
      const main = container(deployment);
      const port = Number(environment(resources, main, operatorSecret).PORT);
      expect(main.ports).toContainEqual({ name: 'http', containerPort: port });
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        expect({ probe, check: main[probe] }).toEqual({ probe, check: expect.objectContaining({ httpGet: { path: '/health', port: 'http' } }) });
      }
    });

    it('has a Service, a PodDisruptionBudget and a ServiceMonitor that pick its pods and no others', () => {
      const others = resources.filter((r) => r.kind === 'Deployment' && r !== deployment).map((d) => d.spec.template.metadata.labels);
      expect(selects(deployment.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
      const svc = find('Service', name)!;
      const pdb = find('PodDisruptionBudget', name)!;
      for (const selector of [svc.spec.selector, pdb.spec.selector.matchLabels]) {
        expect(selects(selector, pod.metadata.labels)).toBe(true);
        expect(others.some((labels) => selects(selector, labels))).toBe(false);
      }
      expect(svc.spec.ports).toContainEqual(expect.objectContaining({ name: 'http', targetPort: 'http' }));
      expect(pdb.spec.maxUnavailable).toBe(1);

      const monitor = find('ServiceMonitor', name)!;
      expect(selects(monitor.spec.selector.matchLabels, svc.metadata.labels!)).toBe(true);
      const [endpoint] = monitor.spec.endpoints;
      expect(endpoint).toMatchObject({ port: 'http', path: '/metrics', authorization: { type: 'Bearer' } });
      // The token Prometheus sends is the one the service asks for.
      const tokenRef = container(deployment).env!.find((v) => v.name === 'METRICS_TOKEN')!.valueFrom!.secretKeyRef;
      expect(endpoint.authorization.credentials).toEqual(tokenRef);
    });

    it('starts in its profile with the Secrets an operator creates, and without them only in the local profile', () => {
      const main = container(deployment);
      const withSecrets = environment(resources, main, operatorSecret);
      expect(refusals(service, withSecrets)).toEqual([]);
      expect(withSecrets.GRIDWHISTLE_PROFILE).toBe(overlay);
      const withoutSecrets = () => environment(resources, main, () => undefined);
      if (overlay === 'local') expect(refusals(service, withoutSecrets())).toEqual([]);
      else expect(refusals(service, withoutSecrets())).toContain("DB_PASSWORD must be set to the service role's own password, not the development default");
      expect(main.env!.find((v) => v.name === 'DB_PASSWORD')!.valueFrom!.secretKeyRef!.name).toBe(name);
    });
  });

  it('runs setup as a Job with the admin URL, each role password from its service Secret, and keeps the API keys on a volume', () => {
    const job = find('Job', 'gridwhistle-setup')!;
    const main = container(job);
    expect(main.command).toContain('dist/deploy/system/setup.main.js');
    const env = environment(resources, main, (variable) => (variable === 'DATABASE_URL' ? 'postgres://admin:pw@db.example.org:5432/gridwhistle' : operatorSecret(variable)));
    expect(toolEnv(env).GRIDWHISTLE_PROFILE).toBe(overlay);
    for (const service of SERVICE_NAMES) {
      const ref = main.env!.find((v) => v.name === `DB_PASSWORD_${service.toUpperCase()}`)!.valueFrom!.secretKeyRef;
      expect(ref).toEqual(container(find('Deployment', `gridwhistle-${service}`)!).env!.find((v) => v.name === 'DB_PASSWORD')!.valueFrom!.secretKeyRef);
    }
    const claim = job.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'api-keys').persistentVolumeClaim.claimName;
    expect(find('PersistentVolumeClaim', claim)).toBeDefined();
    expect(main.volumeMounts).toEqual([{ name: 'api-keys', mountPath: '/app/.local' }]);
  });

  it('holds no secret: no Secret object, no secret-named literal, no password in any URL', () => {
    expect(resources.filter((r) => r.kind === 'Secret')).toEqual([]);
    const literals = [
      ...resources.filter((r) => r.kind === 'ConfigMap').flatMap((r) => Object.entries(r.data ?? {})),
      ...resources
        .filter((r) => r.spec?.template?.spec?.containers)
        .flatMap((r) => (r.spec.template as PodTemplate).spec.containers.flatMap((c) => (c.env ?? []).filter((v) => v.value !== undefined).map((v) => [v.name, v.value!]))),
    ];
    expect(literals.length).toBeGreaterThan(0);
    for (const [variable, value] of literals) {
      expect({ variable, secretName: isSecretName(variable) }).toEqual({ variable, secretName: false });
      expect({ variable, value }).not.toEqual({ variable, value: expect.stringMatching(/\/\/[^/@]*:[^/@]*@/) });
    }
  });

  if (overlay === 'production') {
    it('reaches an external Kafka cluster over TLS with SASL, with durable topics, and Postgres over TLS', () => {
      const deployment = find('Deployment', 'gridwhistle-intake')!;
      const env = environment(resources, container(deployment), operatorSecret);
      expect(env).toMatchObject({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' });
      expect(env.KAFKA_BROKERS!.split(',').length).toBeGreaterThanOrEqual(3);
      expect(env.DATABASE_URL).toMatch(/sslmode=verify-full/);
      for (const workload of resources.filter((r) => r.kind === 'Deployment' || r.kind === 'Job')) {
        const sasl = container(workload).env!.filter((v) => v.name.startsWith('KAFKA_SASL_'));
        // Required: without the Kafka credentials no pod starts.
        expect(sasl.map((v) => [v.name, v.valueFrom?.secretKeyRef?.optional])).toEqual([
          ['KAFKA_SASL_USERNAME', undefined],
          ['KAFKA_SASL_PASSWORD', undefined],
        ]);
      }
    });
  }
});
