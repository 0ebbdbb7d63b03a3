import { FileHarness, HISTORY, MOBILITY, TASKS } from '@app/features/mobility/mobility.fixtures';
import { ChecklistVersion } from './checklist-version';

describe('ChecklistVersion', () => {
  let h: FileHarness<ChecklistVersion>;

  beforeEach(() => {
    h = new FileHarness(ChecklistVersion);
  });
  afterEach(() => h.http.verify());

  const text = () => h.el.querySelector('[data-testid="checklist-version"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

  it('shows the version, explains the move and moves only once confirmed', async () => {
    await h.render({ ...MOBILITY, checklistVersion: 1, currentChecklistVersion: 2 });
    expect(text()).toContain('This mobility follows checklist v1.');
    expect(text()).toContain('Checklist v2 is available.');

    h.button('Move to checklist v2').click();
    await h.settle();
    h.http.expectNone((r) => r.method === 'POST');
    expect(text()).toContain('Tasks already done or waived stay as they are.');
    expect(text()).toContain('This cannot be undone.');

    h.button('Move to checklist v2').click();
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/checklist-migration');
    expect(post.request.headers.get('If-Match')).toBe(`"${MOBILITY.version}"`);
    post.flush(
      { ...MOBILITY, checklistVersion: 2, currentChecklistVersion: 2, version: MOBILITY.version + 1 },
      { headers: { ETag: `"${MOBILITY.version + 1}"` } },
    );
    await h.settle();
    for (const req of h.http.match((r) => r.method === 'GET' && r.url === '/api/mobilities/m1/tasks')) req.flush(TASKS);
    for (const req of h.http.match((r) => r.method === 'GET' && r.url === '/api/mobilities/m1/history'))
      req.flush(HISTORY);
    await h.settle();
    expect(text()).toContain('This mobility follows checklist v2. It is the current version.');
    expect(h.el.querySelector('button')).toBeNull();
  });

  it('offers nothing to a mobility on the current version', async () => {
    await h.render({ ...MOBILITY, checklistVersion: 2, currentChecklistVersion: 2 });
    expect(text()).toContain('It is the current version.');
    expect(h.el.querySelector('button')).toBeNull();
  });

  it('offers no move to a host mentor', async () => {
    await h.render({ ...MOBILITY, yourRole: 'mentor', checklistVersion: 1, currentChecklistVersion: 2 });
    expect(text()).toContain('Checklist v2 is available.');
    expect(h.el.querySelector('button')).toBeNull();
  });
});
