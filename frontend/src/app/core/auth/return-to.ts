/** The pages of signing in: never a destination after signing in. */
const SIGN_IN_PAGES = /^\/(sign-in|forgot-password|reset-password)(?=$|[/?#])/;

/**
 * Where to go after signing in: `returnTo` when it is a path of this app — one leading slash, not
 * `//host` nor `/\host` (which browsers read as another site), no control characters — else the
 * start page `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  return SIGN_IN_PAGES.test(value) ? '/' : value;
}
