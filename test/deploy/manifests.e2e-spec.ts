/**
 * deploy/ and docker-compose.yml, checked without a cluster or a Docker engine:
 * - every YAML document under deploy/ is a known kind, validated against the Kubernetes OpenAPI
 *   schemas (kubernetes-models) or the Prometheus Operator CRDs (@kubernetes-models/prometheus-operator);
 *   an unknown kind fails, so nothing slips through unvalidated;
 * - every kustomization lists exactly the files of its folder, and (when kubectl is on PATH) what
 *   `kubectl kustomize` renders validates too;
 * - the properties the runbook relies on: probes, non-root, resources, selectors, the env contract;
 * - the compose file's scaled profile: 2 API replicas, 1 worker, migrate before both, the backing services.
 * The schemas allow unknown fields (as the API server does without strict validation), so a misspelt
 * field name is caught only where a check below asserts the field itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '../..');
const DEPLOY = join(ROOT, 'deploy');

/** The runtime contract (ARCHITECTURE.md, README "Configuration"): no other variable may be set. */
const CONTRACT = [
  'NODE_ENV',
  'PORT',
  'DATABASE_URL',
  'DATA_DIR',
  'REDIS_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'APP_URL',
  'JWT_SECRET',
  'JWT_ACCESS_TOKEN_TTL',
  'JWT_REFRESH_TOKEN_TTL',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'LOGIN_MAX_FAILURES_PER_ACCOUNT',
  'LOGIN_MAX_FAILURES_PER_ADDRESS',
  'LOGIN_FAILURE_WINDOW',
  'UNVERIFIED_USER_PURGE_CRON',
  'TASK_DIGEST_DELAY',
  'TASK_DIGEST_INTERVAL',
  'CHAT_EMAIL_DELAY',
  'RELATION_COMPLETION_CRON',
  'REQUEST_REMINDER_AFTER',
  'REQUEST_EXPIRES_AFTER',
  'MAX_OPEN_REQUESTS',
  'PENDING_REQUESTS_CRON',
  'FEEDBACK_WINDOW',
  'OUTBOX_CONCURRENCY',
  'SMTP_POOL_SIZE',
  'PASSWORD_HASH_CONCURRENCY',
  'RUN_BACKGROUND_JOBS',
  'QUEUE_PREFIX',
  'SMTP_RATE_LIMIT_PER_MINUTE',
  'JOB_MAX_ATTEMPTS',
  'OUTBOX_REQUEUE_AFTER',
  'OUTBOX_LEASE',
  'METRICS_PORT',
  'METRICS_TOKEN',
  'CORS_ORIGINS',
  'RATE_LIMIT_PER_MINUTE',
  'REQUEST_TIMEOUT',
  'REQUEST_DEADLINE',
];
/** Credentials: only ever in the Secret. */
const SECRET_VARS = ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'JWT_SECRET', 'METRICS_TOKEN'];
/** Left unset on Kubernetes on purpose (documented in deploy/config/configmap.yaml and the README). */
const DELIBERATELY_UNSET: Record<string, string> = {
  DATA_DIR: 'only for the embedded database; DATABASE_URL is set',
  METRICS_TOKEN: 'metrics are served on METRICS_PORT instead',
};

// kubernetes-models and @kubernetes-models/prometheus-operator are ESM-only with an "import"-only
// exports map, which jest's CommonJS resolver cannot follow: load their files by path (require(esm)).
const loadEsm = createRequire(__filename);
type ModelClass = { apiVersion: string; kind: string; new (data: object): { validate(): void } };
const MODEL_FILES: Record<string, string> = {
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap.js',
  'v1/Secret': 'kubernetes-models/v1/Secret.js',
  'v1/Service': 'kubernetes-models/v1/Service.js',
  'v1/Namespace': 'kubernetes-models/v1/Namespace.js',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment.js',
  'batch/v1/Job': 'kubernetes-models/batch/v1/Job.js',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler.js',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget.js',
  'monitoring.coreos.com/v1/ServiceMonitor':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor.js',
  'monitoring.coreos.com/v1/PodMonitor':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor.js',
};
const KUSTOMIZE_KINDS = ['kustomize.config.k8s.io/v1beta1/Kustomization', 'kustomize.config.k8s.io/v1alpha1/Component'];
const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'labels',
  'commonAnnotations',
  'resources',
  'components',
  'patches',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

function modelFor(apiVersion: unknown, kind: unknown): ModelClass {
  const file = MODEL_FILES[`${String(apiVersion)}/${String(kind)}`];
  if (!file) {
    throw new Error(`${String(apiVersion)} ${String(kind)}: no schema to validate it against (add it to MODEL_FILES)`);
  }
  const model = (loadEsm(join(ROOT, 'node_modules', file)) as Record<string, ModelClass>)[String(kind)];
  if (model.apiVersion !== apiVersion || model.kind !== kind) throw new Error(`${file} is not ${apiVersion} ${kind}`);
  return model;
}

/** Throws unless `object` is a known Kubernetes kind that validates against its schema. */
function validateObject(object: any): void {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new Error('not an object');
  if (KUSTOMIZE_KINDS.includes(`${object.apiVersion}/${object.kind}`)) {
    const unknown = Object.keys(object).filter((key) => !KUSTOMIZATION_FIELDS.has(key));
    if (unknown.length) throw new Error(`unknown kustomization fields: ${unknown.join(', ')}`);
    return;
  }
  const Model = modelFor(object.apiVersion, object.kind);
  if (typeof object.metadata?.name !== 'string' || !object.metadata.name) throw new Error('metadata.name is missing');
  new Model(object).validate();
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function parseDocuments(text: string, where: string): any[] {
  return parseAllDocuments(text).map((doc, index) => {
    if (doc.errors.length) throw new Error(`${where} #${index}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}

const files = yamlFiles(DEPLOY).sort();
const documents = files.flatMap((path) =>
  parseDocuments(readFileSync(path, 'utf8'), relative(ROOT, path)).map((object, index) => ({
    path: relative(ROOT, path),
    index,
    object,
  })),
);
const objects = documents.map((d) => d.object).filter((o) => !String(o?.apiVersion).startsWith('kustomize.'));

function one(kind: string, name: string): any {
  const found = objects.filter((o) => o.kind === kind && o.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind} ${name}, found ${found.length}`);
  return found[0];
}
const api = one('Deployment', 'mentorship-backend-api');
const worker = one('Deployment', 'mentorship-backend-worker');
const migrate = one('Job', 'mentorship-backend-migrate');
const configMap = one('ConfigMap', 'mentorship-backend-config');
const secret = one('Secret', 'mentorship-backend-secrets');
const workloads = [api, worker, migrate];

const container = (workload: any) => {
  expect(workload.spec.template.spec.containers).toHaveLength(1);
  return workload.spec.template.spec.containers[0];
};
const envNames = (workload: any): string[] => (container(workload).env ?? []).map((e: any) => e.name);
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);
/** CPU and memory quantities → numbers (cores, bytes), enough to compare a request with its limit. */
function quantity(value: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|k|M|G)?$/.exec(String(value));
  if (!match) throw new Error(`unexpected quantity ${value}`);
  const factor = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * factor;
}

describe('the validator itself', () => {
  it('rejects a wrong field type, an unknown kind and a kind without a name', () => {
    const mutated = structuredClone(api);
    mutated.spec.replicas = 'two';
    expect(() => validateObject(mutated)).toThrow(/replicas must be integer/);
    const badPort = structuredClone(api);
    container(badPort).ports[0].containerPort = '3000';
    expect(() => validateObject(badPort)).toThrow(/containerPort must be integer/);
    const numberInConfigMap = structuredClone(configMap);
    numberInConfigMap.data.OUTBOX_CONCURRENCY = 8;
    expect(() => validateObject(numberInConfigMap)).toThrow(/must be string/);
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toThrow(/no schema/);
    expect(() => validateObject({ apiVersion: 'apps/v1', kind: 'Deployment', spec: {} })).toThrow(/metadata.name/);
    expect(() =>
      validateObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resource: [] }),
    ).toThrow(/unknown kustomization fields: resource/);
  });
});

describe('every YAML document under deploy/', () => {
  it('is found', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(documents.every((d) => d.object !== null && d.object !== undefined)).toBe(true);
  });

  it.each(documents.map((d) => [`${d.path}#${d.index} (${d.object?.kind})`, d.object]))(
    'validates: %s',
    (_where, object) => {
      validateObject(object);
    },
  );
});

describe('kustomizations', () => {
  const kustomizationFiles = files.filter((path) => basename(path) === 'kustomization.yaml');
  const kustomizationDirs = kustomizationFiles.map((path) => dirname(path));
  const read = (dir: string) => parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));

  it('exist for base, migration, monitoring and the shared config', () => {
    expect(kustomizationDirs.map((dir) => relative(DEPLOY, dir)).sort()).toEqual([
      'base',
      'config',
      'migration',
      'monitoring',
    ]);
  });

  it('hold every YAML file: nothing under deploy/ lies outside a kustomization folder', () => {
    for (const path of files)
      expect([relative(ROOT, path), kustomizationDirs.includes(dirname(path))]).toEqual([relative(ROOT, path), true]);
  });

  it.each(kustomizationDirs.map((dir) => [relative(ROOT, dir), dir]))(
    '%s lists only what exists, and every resource file of its folder but the *.example.yaml ones',
    (_name, dir) => {
      const k = read(dir);
      const entries: string[] = [...(k.resources ?? []), ...(k.components ?? [])];
      for (const entry of entries) {
        const target = resolve(dir, entry);
        const ok =
          existsSync(target) && (!statSync(target).isDirectory() || existsSync(join(target, 'kustomization.yaml')));
        expect([entry, ok]).toEqual([entry, true]);
      }
      const listedHere = entries.filter((entry) => !entry.includes('/')).sort();
      const filesHere = readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name) && name !== 'kustomization.yaml' && !/\.example\.ya?ml$/.test(name))
        .sort();
      expect(listedHere).toEqual(filesHere);
    },
  );

  it('base and migration share the config and name the same image; containers use its placeholder name', () => {
    const base = read(join(DEPLOY, 'base'));
    const migration = read(join(DEPLOY, 'migration'));
    expect(base.resources).toContain('../config');
    expect(migration.resources).toContain('../config');
    expect(read(join(DEPLOY, 'monitoring')).resources).toContain('../base');
    expect(base.images).toEqual([
      { name: 'mentorship-backend', newName: expect.stringMatching(/\//), newTag: expect.any(String) },
    ]);
    expect(migration.images).toEqual(base.images);
    for (const workload of workloads) expect(container(workload).image).toBe('mentorship-backend');
    expect(base.namespace).toBe(migration.namespace);
  });

  let kubectl = false;
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    kubectl = true;
  } catch {
    console.warn('kubectl is not on PATH: the rendered kustomizations are not checked');
  }
  (kubectl ? it.each : it.skip.each)(['base', 'migration', 'monitoring'])(
    'kubectl kustomize deploy/%s renders objects that validate, with the image and namespace set',
    (name) => {
      const rendered = parseDocuments(
        execFileSync('kubectl', ['kustomize', join(DEPLOY, name)], { encoding: 'utf8' }),
        `kustomize ${name}`,
      );
      const { newName, newTag } = read(join(DEPLOY, 'base')).images[0];
      expect(rendered.length).toBeGreaterThan(1);
      for (const object of rendered) {
        validateObject(object);
        expect(object.metadata.namespace).toBe('mentorship');
        expect(object.metadata.labels['app.kubernetes.io/part-of']).toBe('mentorship');
        for (const c of object.spec?.template?.spec?.containers ?? []) expect(c.image).toBe(`${newName}:${newTag}`);
      }
      expect(rendered.map((o) => o.kind)).not.toContain('Secret');
    },
  );
});

describe('the workloads', () => {
  it('the API: 2 replicas, startup /health/live for ~60 s, liveness /health/live, readiness /health/ready', () => {
    expect(api.spec.replicas).toBe(2);
    const c = container(api);
    const http = c.ports.find((p: any) => p.name === 'http');
    expect(http.containerPort).toBe(3000);
    expect(c.env).toContainEqual({ name: 'PORT', value: String(http.containerPort) });
    expect(c.env).toContainEqual({ name: 'RUN_BACKGROUND_JOBS', value: 'false' });
    expect(c.command).toBeUndefined(); // the image's CMD: the API
    expect(c.args).toBeUndefined();
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.startupProbe.failureThreshold * c.startupProbe.periodSeconds).toBeGreaterThanOrEqual(60);
  });

  it('the API drains before it stops: a preStop sleep within the grace period, rolling with no unavailable pod', () => {
    const sleep = container(api).lifecycle.preStop.exec.command;
    expect(sleep[0]).toBe('sleep');
    expect(api.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(Number(sleep[1]) + 10);
    expect(api.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(api.spec.template.spec.topologySpreadConstraints.length).toBeGreaterThan(0);
  });

  it('the worker: its entry point, probes on its own PORT 3001', () => {
    const c = container(worker);
    expect(c.args.join(' ')).toMatch(/^node .*dist\/apps\/worker\/src\/main\.js$/);
    const http = c.ports.find((p: any) => p.name === 'http');
    expect(http.containerPort).toBe(3001);
    expect(c.env).toContainEqual({ name: 'PORT', value: '3001' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(worker.spec.replicas).toBeGreaterThanOrEqual(1);
    expect(worker.spec.replicas).toBeLessThanOrEqual(2);
  });

  it('the migration Job runs migrate.js once, without restarting in place', () => {
    expect(container(migrate).args).toEqual(['node', 'dist/apps/api/src/migrate.js']);
    expect(migrate.spec.template.spec.restartPolicy).toBe('Never');
    expect(migrate.spec.backoffLimit).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['api', api],
    ['worker', worker],
    ['migration', migrate],
  ])('%s: non-root as the image user, read-only root, no privilege escalation, no capabilities', (_name, w) => {
    const uid = /^USER\s+(\d+)(?::\d+)?\s*$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    expect(uid).not.toBeNull(); // a numeric USER, so that runAsNonRoot is verifiable
    const pod = w.spec.template.spec;
    const c = container(w);
    const effective = (key: string) => c.securityContext?.[key] ?? pod.securityContext?.[key];
    expect(effective('runAsNonRoot')).toBe(true);
    expect(effective('runAsUser')).toBe(Number(uid![1]));
    expect(effective('runAsUser')).toBeGreaterThan(0);
    expect(effective('seccompProfile')).toEqual({ type: 'RuntimeDefault' });
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
    const tmp = c.volumeMounts.find((m: any) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v: any) => v.name === tmp.name).emptyDir).toBeDefined();
  });

  it.each([
    ['api', api],
    ['worker', worker],
    ['migration', migrate],
  ])('%s: CPU and memory requests and limits, each request within its limit', (_name, w) => {
    const { requests, limits } = container(w).resources;
    for (const resource of ['cpu', 'memory']) {
      expect(quantity(requests[resource])).toBeGreaterThan(0);
      expect(quantity(requests[resource])).toBeLessThanOrEqual(quantity(limits[resource]));
    }
    // The V8 old space is capped at 192 MB: the limit must leave room above it.
    expect(quantity(limits.memory)).toBeGreaterThanOrEqual(320 * 2 ** 20);
  });

  it.each([
    ['api', api],
    ['worker', worker],
  ])('%s: selector matches its pods; metrics on the named port METRICS_PORT, with scrape annotations', (_n, w) => {
    expect(matches(w.spec.selector.matchLabels, w.spec.template.metadata.labels)).toBe(true);
    const metrics = container(w).ports.find((p: any) => p.name === 'metrics');
    expect(metrics.containerPort).toBe(Number(configMap.data.METRICS_PORT));
    expect(w.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(metrics.containerPort),
      'prometheus.io/path': '/metrics',
    });
  });

  it('the API Service: port 80 to http, plus metrics, selecting the API pods only', () => {
    const service = one('Service', 'mentorship-backend-api');
    expect(service.spec.ports).toEqual(
      expect.arrayContaining([
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'metrics', port: 9464, targetPort: 'metrics' },
      ]),
    );
    expect(matches(service.spec.selector, api.spec.template.metadata.labels)).toBe(true);
    expect(matches(service.spec.selector, worker.spec.template.metadata.labels)).toBe(false);
  });

  it('the HPA scales the API on CPU from 2 to 10; the PDBs keep an API pod and let one worker go', () => {
    const hpa = one('HorizontalPodAutoscaler', 'mentorship-backend-api');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: api.metadata.name });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 10]);
    expect(hpa.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    const apiPdb = one('PodDisruptionBudget', 'mentorship-backend-api');
    expect(apiPdb.spec.minAvailable).toBe(1);
    expect(matches(apiPdb.spec.selector.matchLabels, api.spec.template.metadata.labels)).toBe(true);
    const workerPdb = one('PodDisruptionBudget', 'mentorship-backend-worker');
    expect(workerPdb.spec.maxUnavailable).toBe(1);
    expect(matches(workerPdb.spec.selector.matchLabels, worker.spec.template.metadata.labels)).toBe(true);
  });

  it('the ServiceMonitor (deploy/monitoring only) scrapes the metrics port of the API and worker Services', () => {
    const monitor = one('ServiceMonitor', 'mentorship-backend');
    expect(documents.find((d) => d.object === monitor)!.path).toBe('deploy/monitoring/servicemonitor.yaml');
    const services = objects.filter(
      (o) => o.kind === 'Service' && matches(monitor.spec.selector.matchLabels, o.metadata.labels),
    );
    expect(services.map((s) => s.metadata.name).sort()).toEqual([
      'mentorship-backend-api',
      'mentorship-backend-worker',
    ]);
    for (const endpoint of monitor.spec.endpoints) {
      expect(endpoint.path).toBe('/metrics');
      for (const service of services) expect(service.spec.ports.map((p: any) => p.name)).toContain(endpoint.port);
    }
    const workerService = one('Service', 'mentorship-backend-worker');
    expect(workerService.spec.clusterIP).toBe('None');
    expect(matches(workerService.spec.selector, worker.spec.template.metadata.labels)).toBe(true);
  });
});

describe('the runtime contract on Kubernetes', () => {
  const inConfigMap = Object.keys(configMap.data);
  const inSecret = Object.keys(secret.stringData ?? secret.data ?? {});
  const inEnv = workloads.flatMap(envNames);

  it('the ConfigMap, the Secret and the containers set contract variables only', () => {
    for (const name of [...inConfigMap, ...inSecret, ...inEnv]) expect(CONTRACT).toContain(name);
  });

  it('every contract variable is set in one of them, or deliberately unset', () => {
    for (const name of CONTRACT) {
      const set = inConfigMap.includes(name) || inSecret.includes(name) || inEnv.includes(name);
      expect([name, set || name in DELIBERATELY_UNSET]).toEqual([name, true]);
      if (name in DELIBERATELY_UNSET) expect([name, set]).toEqual([name, false]);
    }
  });

  it('credentials are in the Secret only, and the committed Secret holds placeholders only', () => {
    for (const name of SECRET_VARS) {
      expect(inConfigMap).not.toContain(name);
      expect(inEnv).not.toContain(name);
    }
    for (const name of inSecret) expect(SECRET_VARS).toContain(name);
    expect(documents.find((d) => d.object === secret)!.path).toMatch(/\.example\.yaml$/);
    for (const value of Object.values<string>(secret.stringData)) expect(value).toContain('REPLACE_ME');
  });

  it('every workload reads exactly that ConfigMap and that Secret', () => {
    for (const w of workloads) {
      expect(container(w).envFrom).toEqual([
        { configMapRef: { name: configMap.metadata.name } },
        { secretRef: { name: secret.metadata.name } },
      ]);
    }
  });

  it('the settings the scaled profile needs', () => {
    expect(configMap.data).toMatchObject({ NODE_ENV: 'production', METRICS_PORT: '9464' });
    expect(inSecret).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'JWT_SECRET']));
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  const services: Record<string, any> = compose.services;
  const command = (s: any) => [s.command ?? []].flat().join(' ');
  const replicas = (s: any) => s.deploy?.replicas ?? 1;
  const fromImage = (s: any) => s.image === 'mentorship-backend:local';
  const apis = Object.entries(services).filter(
    ([, s]) => fromImage(s) && (!s.command || /apps\/api\/src\/main\.js/.test(command(s))),
  );
  const workers = Object.entries(services).filter(([, s]) => /apps\/worker\/src\/main\.js/.test(command(s)));

  it('runs PostgreSQL 17, Redis 7 and a mail catcher, each with a health check', () => {
    expect(services.postgres.image).toMatch(/^postgres:17/);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services.mailpit.image).toMatch(/mailpit/);
    for (const name of ['postgres', 'redis', 'mailpit']) expect(services[name].healthcheck.test).toBeDefined();
  });

  it('two API replicas on distinct host ports, and one worker', () => {
    expect(apis.reduce((sum, [, s]) => sum + replicas(s), 0)).toBe(2);
    const hostPorts = apis.flatMap(([, s]) => s.ports.map((p: string) => String(p).split(':')[0]));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(hostPorts).toContain('3000');
    expect(workers.reduce((sum, [, s]) => sum + replicas(s), 0)).toBe(1);
    expect(workers[0][1].ports).toBeUndefined(); // so that --scale worker=N works
  });

  it('a one-shot migrate that the APIs and the worker wait for, with healthy backing services', () => {
    const migrateService = services.migrate;
    expect(fromImage(migrateService)).toBe(true);
    expect(command(migrateService)).toMatch(/^node dist\/apps\/api\/src\/migrate\.js$/);
    expect(migrateService.restart).toBe('no');
    expect(migrateService.depends_on.postgres.condition).toBe('service_healthy');
    for (const [, s] of [...apis, ...workers]) {
      expect(s.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        mailpit: { condition: 'service_healthy' },
      });
      expect(s.healthcheck.test.join(' ')).toMatch(/\/health\/ready/);
    }
  });

  it('the scaled profile: PostgreSQL, Redis, real SMTP, API replicas without background work; contract names only', () => {
    for (const [name, s] of [...apis, ...workers, ['migrate', services.migrate]]) {
      const env = s.environment;
      for (const key of Object.keys(env)) expect([name, key, CONTRACT.includes(key)]).toEqual([name, key, true]);
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(env.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
      expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
      expect(env.NODE_ENV).toBe('production');
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:-.{32,}\}$/);
    }
    for (const [, s] of apis) expect(s.environment).toMatchObject({ PORT: '3000', RUN_BACKGROUND_JOBS: 'false' });
    for (const [, s] of workers) expect(s.environment.PORT).toBe('3001');
  });
});
