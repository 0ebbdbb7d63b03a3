import { startTestApp, TestApp } from './support/test-app';
it('probe', async () => {
  const t: TestApp = await startTestApp();
  const big = await t.post('/api/organisations', { name: 'x'.repeat(1024 * 1024 + 10) });
  const bad = await t.request('POST', '/api/organisations', '{"a":');
  const plain = await t.request('POST', '/api/organisations', 'x', { 'content-type': 'text/plain' });
  const empty = await t.request('POST', '/api/organisations', '', { 'content-type': 'application/json' });
  const nul = await t.get('/api/mobilities?q=%00abc');
  const nul2 = await t.get('/api/organisations?q=%00abc');
  const nul3 = await t.post('/api/organisations', { name: 'a\u0000b', kind: 'company', country: 'ES', city: 'x' });
  const proto = await t.request('POST', '/api/organisations', '{"__proto__": {"x": 1}, "name": "a", "kind": "company", "country": "ES", "city": "x"}');
  const arr = await t.get('/api/mobilities?phase=application&phase=preparation');
  const arr2 = await t.get('/api/mobilities?q=a&q=b');
  const unk = await t.get('/api/nope');
  const method = await t.request('DELETE', '/api/organisations');
  console.log(JSON.stringify([big, bad, plain, empty, nul, nul2, nul3, proto, arr, arr2, unk, method].map((r) => [r.status, r.headers.get('content-type'), r.body]), null, 1));
  await t.close();
});
