import FindMyWay from 'find-my-way';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The app's routes by method, so that a path that exists under other methods is answered as Flask
 * does: 405 "The method is not allowed for the requested URL." with an Allow header, not a 404.
 */
export class RouteTable {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 8_192 });

  add(method: string | string[], url: string): void {
    for (const one of Array.isArray(method) ? method : [method]) {
      if (!(METHODS as readonly string[]).includes(one)) continue;
      try {
        this.router.on(one as (typeof METHODS)[number], flaskConverters(url), () => undefined);
      } catch {
        // A route registered twice (e.g. with and without a trailing slash) is known already.
      }
    }
  }

  /** The methods `path` answers to, as werkzeug lists them in Allow (HEAD with GET, and OPTIONS). */
  allowedMethods(path: string): string[] {
    const methods: string[] = METHODS.filter((method) => this.router.find(method, path) !== null);
    if (methods.length === 0) return [];
    if (methods.includes('GET')) methods.push('HEAD');
    return [...methods, 'OPTIONS'].sort();
  }
}

/** Path parameters named `*_id` are Flask `<int:…>` converters: only digits match them. */
function flaskConverters(url: string): string {
  return url.replace(/:(\w+_id)(?=\/|$)/g, ':$1(^\\d+$)');
}
