/** JSON Pointer (RFC 6901) helpers. */

export function escapeToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Appends tokens to a pointer: `joinPointer('/data', 0, 'as_of')`. */
export function joinPointer(
  base: string,
  ...tokens: readonly (string | number)[]
): string {
  return base + tokens.map((token) => `/${escapeToken(token)}`).join('');
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** Returns the value at `pointer` inside `root`, or undefined. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of splitPointer(pointer)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Encodes a pointer as a URI fragment, the form that `$ref` values use. */
export function pointerToFragment(pointer: string): string {
  const tokens = splitPointer(pointer).map((token) =>
    encodeURIComponent(escapeToken(token)),
  );
  return `#${tokens.map((token) => `/${token}`).join('')}`;
}

/** Decodes a `#/...` fragment into a pointer. */
export function fragmentToPointer(fragment: string): string {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return body
    .split('/')
    .map((token) => decodeURIComponent(token))
    .join('/');
}
