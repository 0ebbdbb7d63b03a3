import { FileHarness, MOBILITY, problem } from '@app/features/mobility/mobility.fixtures';
import { MobilityInsurance } from './mobility-insurance';

describe('MobilityInsurance', () => {
  let h: FileHarness<MobilityInsurance>;
  beforeEach(() => {
    h = new FileHarness(MobilityInsurance);
  });
  afterEach(() => h.http.verify());

  const set = (id: string, value: string) => {
    const input = h.el.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  };
  const submit = () => h.el.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click();

  it('says what is missing before departure and records the covers with If-Match', async () => {
    await h.render();
    expect(h.el.querySelector('[data-testid="insurance-missing"]')?.textContent).toContain(
      'health, accident and third-party liability',
    );
    h.button('Record insurance').click();
    await h.settle();
    set('cover-0-insurer', 'Allianz');
    set('cover-0-policyNumber', 'P-1');
    submit();
    await h.settle();
    const put = h.expect1('PUT', '/api/mobilities/m1/insurance');
    expect(put.request.headers.get('If-Match')).toBe('"3"');
    expect(put.request.body).toEqual({
      covers: [{ kind: 'policy', insurer: 'Allianz', policyNumber: 'P-1', risks: ['health', 'accident', 'liability'] }],
    });
    put.flush(
      {
        ...MOBILITY,
        version: 4,
        insurance: {
          covers: put.request.body.covers,
          missingRisks: [],
          recordedAt: '2026-03-02T10:00:00Z',
          recordedBy: 'anna',
        },
      },
      { headers: { ETag: '"4"' } },
    );
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/tasks').flush([]);
    h.expect1('GET', '/api/mobilities/m1/history').flush([]);
    await h.settle();
    expect(h.el.textContent).toContain('Health, accident and third-party liability are covered');
    expect(h.el.textContent).toContain('Allianz, no. P-1 — health, accident and third-party liability');
  });

  it('checks an EHIC as the API does: health only, named at its field', async () => {
    await h.render();
    h.button('Record insurance').click();
    await h.settle();
    set('cover-0-kind', 'ehic');
    set('cover-0-insurer', 'AOK');
    set('cover-0-policyNumber', '8027');
    submit();
    await h.settle();
    h.http.expectNone('/api/mobilities/m1/insurance');
    expect(h.el.querySelector('.form-alert')).not.toBeNull();
    expect(h.el.textContent).toContain('covers health care only');
  });

  it('shows the API’s field errors (422)', async () => {
    await h.render({ ...MOBILITY, hostOrganisation: null });
    h.button('Record insurance').click();
    await h.settle();
    set('cover-0-insurer', 'Allianz');
    set('cover-0-policyNumber', 'P-1');
    submit();
    await h.settle();
    h.expect1('PUT', '/api/mobilities/m1/insurance').flush(
      problem('rule-violated', 422, {
        errors: [{ field: 'covers[0].policyNumber', rule: 'x', message: 'policy number unknown' }],
      }),
      { status: 422, statusText: 'Unprocessable' },
    );
    await h.settle();
    expect(h.el.textContent).toContain('policy number unknown');
  });

  it('is not shown to a host’s mentor', async () => {
    await h.render({ ...MOBILITY, yourRole: 'mentor' });
    expect(h.el.querySelector('[data-testid="insurance"]')).toBeNull();
  });
});
