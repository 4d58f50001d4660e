import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeployTools, root, run } from '../deploy-tools';
import { imageEnvironment, startUpProblems } from '../service-configuration';

/**
 * The chart, checked without a cluster: `helm lint --strict`, `helm template` with the default
 * values and with ci-values.yaml, every rendered object decoded strictly into its Kubernetes API
 * type and held to the chart's rules by deploy/helm/validate (numeric non-root users, drop ALL,
 * read-only root, the three probes, release-prefixed names, resolvable references).
 */
const chart = 'deploy/helm/helpdesk';
const ciValues = ['-f', 'deploy/helm/ci-values.yaml'];

interface Container {
  name: string;
  image: string;
  command: string[];
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  envFrom: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  env?: Array<{ name: string; value?: string }>;
}
interface K8sObject {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    replicas?: number;
    selector?: Record<string, string> & { matchLabels?: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
    ports: Array<{ port: number }>;
    scaleTargetRef: { name: string };
  };
  data?: Record<string, string>;
}

const template = (release: string, args: string[] = []) => {
  const rendered = run('helm', ['template', release, chart, ...args]);
  if (rendered.status !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${rendered.stderr}`);
  return rendered.stdout;
};

const validate = (manifests: string, flags: string[]) => {
  const result = run('chart-validate', flags, manifests);
  if (result.status !== 0) throw new Error(`chart-validate ${flags.join(' ')}:\n${result.stderr}`);
  return (JSON.parse(result.stdout) as { objects: K8sObject[] }).objects;
};

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found)
    throw new Error(
      `no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`,
    );
  return found;
};
const decoded = (data: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
/** A Deployment's container environment as the pod gets it: the image's ENV, its ConfigMap, the Secret, its own. */
const environmentOf = (objects: K8sObject[], deployment: string) => {
  const container = named(objects, 'Deployment', deployment).spec.template.spec.containers[0];
  const config = named(objects, 'ConfigMap', container.envFrom[0].configMapRef?.name ?? '').data;
  const secret = decoded(named(objects, 'Secret', 'desk-credentials').data);
  const own = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? 'from-the-pod']));
  return { ...imageEnvironment(), ...config, ...secret, ...own };
};
const credentials = [
  'AUTH_JWT_SECRET',
  'ESDB_URL',
  'PG_URL',
  'MONGO_URL',
  'SMTP_URL',
  'MAIL_REFERENCE_SECRET',
];

beforeAll(ensureDeployTools, 15 * 60_000);

describe('helm lint --strict', () => {
  it.each([
    ['the default values', []],
    ['ci-values.yaml', ciValues],
  ])('passes with %s', (_, args) => {
    const lint = run('helm', ['lint', '--strict', chart, ...args]);
    expect(lint.stdout + lint.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(lint.status).toBe(0);
  });
});

describe('the chart with its default values', () => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = validate(template('desk'), ['-release', 'desk']);
  });

  it('runs the replicas of today: two of tickets, contacts and notifications, one of the others', () => {
    const replicas = Object.fromEntries(
      ofKind(objects, 'Deployment').map((d) => [d.metadata.name, d.spec.replicas]),
    );
    expect(replicas).toEqual({
      'desk-tickets': 2,
      'desk-contacts': 2,
      'desk-notifications': 2,
      'desk-sla-monitor': 1,
      'desk-releases': 1,
    });
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toHaveLength(0);
    expect(ofKind(objects, 'PodDisruptionBudget')).toHaveLength(5);
    expect(ofKind(objects, 'NetworkPolicy')).toHaveLength(1);
    expect(ofKind(objects, 'ServiceAccount')).toHaveLength(1);
  });

  it("runs each service's own bundle, and the topics job's CLI, from the image tagged with appVersion", () => {
    for (const pod of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
      for (const container of pod.spec.template.spec.containers) {
        expect(container.image).toBe('helpdesk:0.1.0');
        const main = container.command[1];
        const source =
          pod.kind === 'Deployment'
            ? main.replace(/^dist\/bundles\/(.+)\.js$/, 'services/$1/src/main.ts') // deploy/build/bundle.ts
            : main.replace(/^dist\//, '').replace(/\.js$/, '.ts');
        expect([main, existsSync(join(root, source))]).toEqual([main, true]);
      }
    }
    const job = named(objects, 'Job', 'desk-topics');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('post-install,pre-upgrade');
    const env = Object.fromEntries(
      (job.spec.template.spec.containers[0].env ?? []).map((e) => [e.name, e.value]),
    );
    expect(env).toEqual({
      KAFKA_BROKERS: 'kafka:9092',
      TOPIC_PARTITIONS: '6',
      TOPIC_RETENTION_MS: '-1',
      TOPICS_TIMEOUT_MS: '120000',
    });
  });

  it('keeps settings and credentials apart, so neither overrides the other; a missing signing secret is generated', () => {
    const secret = decoded(named(objects, 'Secret', 'desk-credentials').data);
    expect(Object.keys(secret).sort()).toEqual([
      'AUTH_JWT_SECRET',
      'ESDB_URL',
      'MAIL_REFERENCE_SECRET',
      'MONGO_URL',
      'PERSONAL_DATA_KEYS_URL',
      'PERSONAL_DATA_MASTER_KEY',
      'SMTP_URL',
    ]);
    expect(secret.AUTH_JWT_SECRET).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(secret.MAIL_REFERENCE_SECRET).toMatch(/^[A-Za-z0-9]{48}$/);
    // 32 random bytes, kept with the Secret on uninstall: every sealed personal value needs it.
    expect(Buffer.from(secret.PERSONAL_DATA_MASTER_KEY, 'base64')).toHaveLength(32);
    expect(named(objects, 'Secret', 'desk-credentials').metadata.annotations).toEqual({
      'helm.sh/resource-policy': 'keep',
    });
    for (const config of ofKind(objects, 'ConfigMap')) {
      expect(Object.keys(config.data ?? {}).filter((key) => key in secret)).toEqual([]);
      expect(config.data).toMatchObject({ MODE: 'distributed', KAFKA_BROKERS: 'kafka:9092' });
    }
    const tickets = named(objects, 'Deployment', 'desk-tickets').spec.template.spec.containers[0];
    expect(tickets.envFrom).toEqual([
      { configMapRef: { name: 'desk-tickets-config' } },
      { secretRef: { name: 'desk-credentials' } },
    ]);
    expect((tickets.env ?? []).map((e) => e.name).filter((name) => credentials.includes(name))).toEqual([]);
  });

  it('gives every service an environment it starts with, as the image runs it (NODE_ENV=production)', () => {
    const problems = ofKind(objects, 'Deployment').map((deployment) => {
      const { name } = deployment.spec.template.spec.containers[0];
      return [name, startUpProblems(name, environmentOf(objects, deployment.metadata.name))];
    });
    expect(problems).toEqual(
      ofKind(objects, 'Deployment').map((d) => [d.spec.template.spec.containers[0].name, []]),
    );
  });

  it('names every object after the release, so two releases in one namespace never collide', () => {
    const names = (release: string) =>
      validate(template(release), ['-release', release]).map((o) => `${o.kind}/${o.metadata.name}`);
    const [first, second] = [names('first'), names('second')];
    expect(first).toHaveLength(objects.length);
    expect(first.filter((name) => second.includes(name))).toEqual([]);
  });
});

describe('the chart with ci-values.yaml', () => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = validate(template('rel', ciValues), [
      '-release',
      'rel',
      '-prefix',
      'desk',
      '-existing-secret',
      'helpdesk-credentials-managed',
      '-existing-service-account',
      'desk-runtime',
    ]);
  });

  it('reads the existing Secret and renders none, nor a NetworkPolicy or ServiceAccount when they are off', () => {
    expect(ofKind(objects, 'Secret')).toHaveLength(0);
    expect(ofKind(objects, 'NetworkPolicy')).toHaveLength(0);
    expect(ofKind(objects, 'ServiceAccount')).toHaveLength(0);
    for (const deployment of ofKind(objects, 'Deployment')) {
      expect(deployment.spec.template.spec.containers[0].envFrom[1]).toEqual({
        secretRef: { name: 'helpdesk-credentials-managed' },
      });
    }
  });

  it('lets autoscalers own the replica count where autoscaling is on, and drops a disabled service', () => {
    const scaled = ofKind(objects, 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
    expect(scaled.sort()).toEqual(['desk-contacts', 'desk-notifications', 'desk-tickets']);
    const replicas = Object.fromEntries(
      ofKind(objects, 'Deployment').map((d) => [d.metadata.name, d.spec.replicas]),
    );
    expect(replicas).toEqual({
      'desk-tickets': undefined,
      'desk-tickets-worker': 2,
      'desk-contacts': undefined,
      'desk-notifications': undefined,
      'desk-sla-monitor': 2,
    });
  });

  it('takes the image, per-service settings and the service port from the values', () => {
    const tickets = named(objects, 'Deployment', 'desk-tickets').spec.template.spec.containers[0];
    expect(tickets.image).toBe('registry.example.com:5000/platform/helpdesk:2026.12.1');
    expect(named(objects, 'ConfigMap', 'desk-tickets-config').data).toMatchObject({
      READ_YOUR_WRITES_MS: '1000',
      TOPIC_PARTITIONS: '12',
      EVENT_STORE: 'postgres',
    });
    expect(named(objects, 'ConfigMap', 'desk-contacts-config').data).not.toHaveProperty(
      'READ_YOUR_WRITES_MS',
    );
    expect(named(objects, 'Service', 'desk-tickets').spec.ports[0].port).toBe(8080);
  });
});

describe('the chart with a worker for tickets', () => {
  const workerOn = [
    '--set',
    'services.tickets.worker.enabled=true',
    '--set-json',
    'services.tickets.worker.resources={"requests":{"cpu":"500m","memory":"256Mi"},"limits":{"memory":"512Mi"}}',
  ];
  let objects: K8sObject[];
  beforeAll(() => {
    objects = validate(template('desk', workerOn), ['-release', 'desk']);
  });

  it("moves tickets' background work into a worker Deployment the Service does not route to", () => {
    const pods = (deployment: string) => named(objects, 'Deployment', deployment).spec.template;
    const backgroundWork = (deployment: string) => environmentOf(objects, deployment).BACKGROUND_WORK;
    expect(backgroundWork('desk-tickets')).toBe('off');
    expect(backgroundWork('desk-tickets-worker')).toBe('on');
    expect(backgroundWork('desk-contacts')).toBeUndefined(); // the process's default: on
    expect(named(objects, 'Deployment', 'desk-tickets-worker').spec.replicas).toBe(1);
    const routed = named(objects, 'Service', 'desk-tickets').spec.selector!;
    const matches = (labels: Record<string, string>) =>
      Object.entries(routed).every(([key, value]) => labels[key] === value);
    expect(matches(pods('desk-tickets').metadata.labels)).toBe(true);
    expect(matches(pods('desk-tickets-worker').metadata.labels)).toBe(false);
    // The same image, bundle and settings; its own resources.
    const [server, worker] = [pods('desk-tickets'), pods('desk-tickets-worker')].map(
      (p) => p.spec.containers[0],
    );
    expect(worker.command).toEqual(server.command);
    expect(worker.envFrom).toEqual(server.envFrom);
    expect(worker.resources.requests).toEqual({ cpu: '500m', memory: '256Mi' });
    expect(server.resources.requests).toEqual({ cpu: '100m', memory: '192Mi' });
    for (const deployment of ['desk-tickets', 'desk-tickets-worker'])
      expect(startUpProblems('tickets', environmentOf(objects, deployment))).toEqual([]);
  });
});

describe('values.schema.json and the templates refuse wrong values, naming them', () => {
  it.each([
    [['--set', 'services.tickets.replicas=0'], "at '/services/tickets/replicas': minimum: got 0, want 1"],
    [['--set', 'services.tickez.replicas=1'], "additional properties 'tickez' not allowed"],
    [['--set', 'securityContext.runAsUser=0'], "at '/securityContext/runAsUser': minimum: got 0, want 1"],
    [
      ['--set', 'config.MONGO_URL=mongodb://user:password@mongo/helpdesk'],
      "invalid propertyName 'MONGO_URL'",
    ],
    [['--set', 'services.notifications.config.SMTP_URL=smtp://u:p@mail'], "invalid propertyName 'SMTP_URL'"],
    [['--set', 'config.PORT=8080'], "invalid propertyName 'PORT'"],
    [['--set', 'services.tickets.config.BACKGROUND_WORK=off'], "invalid propertyName 'BACKGROUND_WORK'"],
    [['--set', 'services.tickets.worker.replicas=0'], "at '/services/tickets/worker"],
    [
      ['--set', 'services.portal.enabled=true', '--set', 'services.portal.worker.enabled=true'],
      'services.portal.worker: the portal has no background work to give a worker',
    ],
    [['--set', 'image.tag=latest'], "at '/image/tag'"],
    [['--set', 'image.pullPolicy=Sometimes'], "at '/image/pullPolicy'"],
    [['--set', 'config.KAFKA_BROKERS=kafka'], "at '/config/KAFKA_BROKERS'"],
    [['--set', 'autoscaling.enabled=yes'], "at '/autoscaling"],
    [
      ['--set', 'config.AUTH_ISSUER=a', '--set', 'secrets.values.AUTH_ISSUER=b'],
      'AUTH_ISSUER is both a setting (config or services.contacts.config) and a credential (secrets.values)',
    ],
  ])('helm template %j fails with %s', (args, message) => {
    const rendered = run('helm', ['template', 'desk', chart, ...args]);
    expect(rendered.status).not.toBe(0);
    expect(rendered.stderr).toContain(message);
  });
});

describe('the validator itself', () => {
  const manifests = () => template('desk');
  const firstOccurrence = (text: string, from: string, to: string) => text.replace(from, to);

  it.each([
    ['readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false', 'readOnlyRootFilesystem must be true'],
    ['drop: [ALL]', 'drop: [NET_RAW]', 'capabilities must drop ALL'],
    [
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: true',
      'allowPrivilegeEscalation must be false',
    ],
    ['path: /health/started', 'path: /health/live', 'the startupProbe must GET /health/started'],
    [
      'automountServiceAccountToken: false\n      ter',
      'automountServiceAccountToken: true\n      ter',
      'automountServiceAccountToken must be false',
    ],
    ['revisionHistoryLimit: 5', 'revisionHistoryLimits: 5', 'unknown field "revisionHistoryLimits"'],
    ['  replicas: 2', '  replicas: two', 'cannot unmarshal string'],
  ])('refuses %s changed to %s', (from, to, problem) => {
    const result = run('chart-validate', ['-release', 'desk'], firstOccurrence(manifests(), from, to));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(problem);
  });

  it('refuses names that do not begin with the release', () => {
    const result = run('chart-validate', ['-release', 'other'], manifests());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Deployment desk-tickets: the name does not begin with the release\'s prefix "other"',
    );
  });
});

describe('the chart with the portal on', () => {
  const portalOn = [
    '--set',
    'services.portal.enabled=true',
    '--set',
    'services.portal.config.PORTAL_URL=https://support.example.com',
    '--set',
    'services.portal.config.PORTAL_OIDC_ISSUER=https://login.example.com',
    '--set',
    'services.portal.config.PORTAL_OIDC_CLIENT_ID=helpdesk-portal',
  ];
  let objects: K8sObject[];
  beforeAll(() => {
    objects = validate(template('desk', portalOn), ['-release', 'desk']);
  });

  it("points the portal at the release's services and starts it with a generated session secret", () => {
    const config = named(objects, 'ConfigMap', 'desk-portal-config').data;
    expect(config).toMatchObject({
      PORTAL_TICKETS_URL: 'http://desk-tickets:80',
      PORTAL_CONTACTS_URL: 'http://desk-contacts:80',
      PORTAL_SLA_URL: 'http://desk-sla-monitor:80',
    });
    const secret = decoded(named(objects, 'Secret', 'desk-credentials').data);
    expect(secret.PORTAL_SESSION_SECRET).toMatch(/^[A-Za-z0-9]{48}$/);
    const portal = named(objects, 'Deployment', 'desk-portal').spec.template.spec.containers[0];
    expect(portal.command).toEqual(['node', 'dist/bundles/portal.js']);
    expect(startUpProblems('portal', environmentOf(objects, 'desk-portal'))).toEqual([]);
  });

  it('refuses to start a portal without its identity provider, naming what is missing', () => {
    const rendered = validate(template('desk', ['--set', 'services.portal.enabled=true']), [
      '-release',
      'desk',
    ]);
    expect(startUpProblems('portal', environmentOf(rendered, 'desk-portal'))).toEqual(
      expect.arrayContaining([expect.stringContaining('PORTAL_OIDC_ISSUER is required')]),
    );
  });
});
