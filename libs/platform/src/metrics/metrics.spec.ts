import perfHooks, { type ELDHistogram } from 'node:perf_hooks';
import { Gauge } from 'prom-client';
import type { BackgroundWork } from '../jobs/background-work';
import { Metrics } from './metrics';

const work = (role: 'api' | 'worker') => ({ role }) as BackgroundWork;

describe('Metrics', () => {
  const created: Metrics[] = [];
  const metricsFor = (role: 'api' | 'worker') => {
    const metrics = new Metrics(work(role));
    created.push(metrics);
    return metrics;
  };

  afterEach(() => {
    for (const metrics of created.splice(0)) metrics.onModuleDestroy();
    jest.restoreAllMocks();
  });

  it('each instance has a registry of its own, so many apps in one process never clash', async () => {
    const first = metricsFor('api');
    const second = metricsFor('worker');
    first.emailsSent.inc({ transport: 'smtp' });
    expect(first.registry).not.toBe(second.registry);
    expect(await first.registry.metrics()).toContain('mentorship_emails_sent_total{transport="smtp",process="api"} 1');
    expect(await second.registry.metrics()).toContain(
      'mentorship_emails_sent_total{transport="smtp",process="worker"} 0',
    );
  });

  it('labels every sample with the process role, Node process metrics included', async () => {
    const text = await metricsFor('worker').registry.metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total\{process="worker"\} [\d.e-]+$/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{process="worker"\} \d+$/m);
    expect(text).toContain('mentorship_emails_failed_total{process="worker"} 0');
  });

  it('takes gauges of other modules that collect asynchronously at scrape time', async () => {
    const metrics = metricsFor('api');
    let depth = 3;
    new Gauge({
      name: 'test_queue_depth',
      help: 'A gauge of another module',
      labelNames: ['queue'],
      registers: [metrics.registry],
      async collect() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        this.set({ queue: 'emails' }, depth);
      },
    });
    expect(await metrics.registry.metrics()).toContain('test_queue_depth{queue="emails",process="api"} 3');
    depth = 5;
    expect(await metrics.registry.metrics()).toContain('test_queue_depth{queue="emails",process="api"} 5');
  });

  it('stops the event-loop monitor and the GC observer on destroy, and leaves perf_hooks as it was', () => {
    const monitorEventLoopDelay = perfHooks.monitorEventLoopDelay;
    const observe = perfHooks.PerformanceObserver.prototype.observe;
    const histograms: ELDHistogram[] = [];
    jest.spyOn(perfHooks, 'monitorEventLoopDelay').mockImplementation((options) => {
      const histogram = monitorEventLoopDelay(options);
      jest.spyOn(histogram, 'disable');
      histograms.push(histogram);
      return histogram;
    });
    const disconnect = jest.spyOn(perfHooks.PerformanceObserver.prototype, 'disconnect');
    const spiedMonitor = perfHooks.monitorEventLoopDelay;

    const metrics = new Metrics(work('api'));
    expect(perfHooks.monitorEventLoopDelay).toBe(spiedMonitor);
    expect(perfHooks.PerformanceObserver.prototype.observe).toBe(observe);
    expect(histograms).toHaveLength(1);
    expect(histograms[0].disable).not.toHaveBeenCalled();

    metrics.onModuleDestroy();
    expect(histograms[0].disable).toHaveBeenCalledTimes(1);
    expect(disconnect).toHaveBeenCalledTimes(1);
  });
});
