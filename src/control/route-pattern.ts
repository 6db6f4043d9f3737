/**
 * Compiles a fault rule's route pattern into a matcher for the path below
 * `/{account}/api/v1`. A `*` matches any run of characters within one path
 * segment, and a segment that is exactly `**` matches any number of segments.
 * The leading `/` is optional and a trailing `/` is ignored, so `inventory`,
 * `/inventory` and `/inventory/` are the same pattern.
 *
 * @example
 * compileRoute('/snapshot_request/*')('/snapshot_request/5c00') // true
 */
export function compileRoute(pattern: string): (path: string) => boolean {
  const segments = normalize(pattern).split('/').slice(1);
  let source = '';
  for (const segment of segments) {
    if (segment === '**') {
      source += '(?:/[^/]*)*';
      continue;
    }
    source += `/${segment.split('*').map(escape).join('[^/]*')}`;
  }
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(normalize(path));
}

function normalize(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.length > 1 && withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
