import perfHooks, { type ELDHistogram, type PerformanceObserver } from 'node:perf_hooks';
import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * prom-client's default Node metrics (`process_*`, `nodejs_*`) on `registry`, and a function that
 * stops what they keep running.
 *
 * prom-client 15 reads most of them at scrape time and starts no interval, but two collectors hold
 * resources for as long as the process lives and offer no way to stop them: the event-loop-lag
 * monitor (`perf_hooks.monitorEventLoopDelay`, a libuv timer sampling every 10 ms) and the GC
 * histogram (a `PerformanceObserver` on 'gc' entries). With one registry per app, every app that
 * is created and closed (e2e specs make many in one process) would leave both running, each
 * holding its registry. So the histograms and observers created while prom-client sets up are
 * recorded, and the returned function disables and disconnects them.
 */
export function collectStoppableDefaultMetrics(registry: Registry): () => void {
  const histograms: ELDHistogram[] = [];
  const observers: PerformanceObserver[] = [];
  const monitorEventLoopDelay = perfHooks.monitorEventLoopDelay;
  const observe = perfHooks.PerformanceObserver.prototype.observe;
  perfHooks.monitorEventLoopDelay = (options) => {
    const histogram = monitorEventLoopDelay(options);
    histograms.push(histogram);
    return histogram;
  };
  perfHooks.PerformanceObserver.prototype.observe = function (this: PerformanceObserver, ...args) {
    observers.push(this);
    return observe.apply(this, args);
  };
  try {
    collectDefaultMetrics({ register: registry });
  } finally {
    perfHooks.monitorEventLoopDelay = monitorEventLoopDelay;
    perfHooks.PerformanceObserver.prototype.observe = observe;
  }
  return () => {
    for (const histogram of histograms.splice(0)) histogram.disable();
    for (const observer of observers.splice(0)) observer.disconnect();
  };
}
