/** `"3"` for version 3: the ETag the API sends and expects back in If-Match. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
