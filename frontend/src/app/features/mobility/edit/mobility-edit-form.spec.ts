import type { MobilityDto } from '@mobility-hub/api-client';
import { FileHarness, HISTORY, MOBILITY, problem, TASKS } from '@app/features/mobility/mobility.fixtures';
import { MobilityEditForm } from './mobility-edit-form';

const HOTEL = { id: 'o2', name: 'Hotel Lisboa', country: 'PT', city: 'Lisboa', kind: 'company' };
const TALLER = { id: 'o3', name: 'Taller Sol', country: 'ES', city: 'Valencia', kind: 'company' };
const WITH_MENTOR: MobilityDto = { ...MOBILITY, mentor: { name: 'Ana Costa', email: 'ana@hotel-lisboa.example' } };

describe('MobilityEditForm', () => {
  let h: FileHarness<MobilityEditForm>;

  beforeEach(() => {
    h = new FileHarness(MobilityEditForm);
  });
  afterEach(() => h.http.verify());

  const input = (id: string): HTMLInputElement => h.el.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  function type(id: string, value: string): void {
    const box = input(id);
    box.value = value;
    box.dispatchEvent(new Event('input'));
  }

  async function open(mobility: MobilityDto = MOBILITY, organisations: object[] = []): Promise<void> {
    await h.render(mobility);
    h.button('Edit dates, host and mentor').click();
    await h.settle();
    h.expect1('GET', '/api/organisations').flush({ items: organisations, page: 1, pageSize: 500, total: 0 });
    await h.settle();
  }

  async function saved(mobility: MobilityDto): Promise<void> {
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS.map((t) => ({ ...t, dueDate: '2026-04-08' })));
    h.expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await h.settle();
    expect(h.store.mobility()).toEqual(mobility);
  }

  it('edits the dates with If-Match after checking them against the activity type', async () => {
    await open();
    expect(document.activeElement?.id).toBe('edit-startDate');

    type('edit-endDate', '2026-05-06');
    h.button('Save changes').click();
    await h.settle();
    h.http.expectNone('/api/mobilities/m1');
    expect(h.el.querySelector('#edit-endDate-error')?.textContent).toContain('10 to 89 days');
    expect(input('edit-endDate').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('edit-endDate');
    expect(h.el.querySelector('.form-alert')?.textContent).toContain('correct the highlighted field');

    type('edit-endDate', '2026-05-31');
    h.button('Save changes').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ endDate: '2026-05-31' });
    const after = { ...MOBILITY, endDate: '2026-05-31', durationDays: 28, version: 4 };
    patch.flush(after, { headers: { ETag: '"4"' } });
    await saved(after);

    expect(h.store.tasks()[0].dueDate).toBe('2026-04-08');
    expect(h.el.querySelector('form')).toBeNull();
    expect(h.store.announcement()).toBe('Changes saved. Due dates have been recalculated.');
    expect(document.activeElement?.id).toBe('edit-dates');
  });

  it('says so when nothing changed, without sending anything', async () => {
    await open();
    h.button('Save changes').click();
    await h.settle();
    h.http.expectNone((r) => r.method === 'PATCH');
    expect(h.store.announcement()).toBe('Nothing changed.');
    expect(h.el.querySelector('form')).toBeNull();
  });

  it('edits the mentor with If-Match, checking the address first', async () => {
    await open(WITH_MENTOR, [HOTEL]);

    expect(input('edit-mentorName').value).toBe('Ana Costa');
    expect(input('edit-mentorEmail').value).toBe('ana@hotel-lisboa.example');

    type('edit-mentorEmail', 'not an address');
    h.button('Save changes').click();
    await h.settle();
    h.http.expectNone((r) => r.method === 'PATCH');
    expect(h.el.querySelector('#edit-mentorEmail-error')?.textContent).toContain('Enter an e-mail address');
    expect(input('edit-mentorEmail').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('edit-mentorEmail'));

    type('edit-mentorName', 'João Silva');
    type('edit-mentorEmail', 'Joao@Hotel-Lisboa.example');
    h.button('Save changes').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ mentorName: 'João Silva', mentorEmail: 'joao@hotel-lisboa.example' });
    const after = { ...MOBILITY, mentor: { name: 'João Silva', email: 'joao@hotel-lisboa.example' }, version: 4 };
    patch.flush(after);
    await saved(after);
    expect(h.store.announcement()).toBe('Changes saved.');
  });

  it("removes the mentor by sending nulls, and shows the API's field error", async () => {
    await open(WITH_MENTOR);
    type('edit-mentorName', '');
    type('edit-mentorEmail', '');
    h.button('Save changes').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.body).toEqual({ mentorName: null, mentorEmail: null });
    patch.flush(
      problem('rule-violated', 422, {
        title: 'Rule violated',
        detail: 'The request breaks a rule of the programme',
        errors: [
          {
            field: 'mentorEmail',
            rule: 'needs a host',
            message: 'a mentor belongs to a host organisation: assign the host first',
          },
        ],
      }),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await h.settle();
    expect(h.el.querySelector('#edit-mentorEmail-error')?.textContent).toContain(
      'a mentor belongs to a host organisation',
    );
    expect(document.activeElement).toBe(input('edit-mentorEmail'));
  });

  it('clears the mentor fields when another host is chosen, and sends only the host', async () => {
    await open(WITH_MENTOR, [HOTEL, TALLER]);

    const select = h.el.querySelector<HTMLSelectElement>('#edit-hostOrganisationId') as HTMLSelectElement;
    expect(select.value).toBe('o2');
    select.value = 'o3';
    select.dispatchEvent(new Event('change'));
    await h.settle();
    expect(input('edit-mentorName').value).toBe('');
    expect(h.el.querySelector('#edit-mentor-hint')?.textContent).toContain('Ana Costa does not come along');

    h.button('Save changes').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.body).toEqual({ hostOrganisationId: 'o3' });
    const after = { ...MOBILITY, hostOrganisation: { id: 'o3', name: 'Taller Sol', country: 'ES' }, mentor: null };
    patch.flush({ ...after, version: 4 });
    await saved({ ...after, version: 4 });
  });

  it('gives the original host its mentor back, and no mentor without a host', async () => {
    await open(WITH_MENTOR, [HOTEL, TALLER]);
    const select = h.el.querySelector<HTMLSelectElement>('#edit-hostOrganisationId') as HTMLSelectElement;
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await h.settle();
    expect(input('edit-mentorName').disabled).toBe(true);
    expect(h.el.querySelector('#edit-mentor-hint')?.textContent).toContain('choose the host first');

    select.value = 'o2';
    select.dispatchEvent(new Event('change'));
    await h.settle();
    expect(input('edit-mentorName').disabled).toBe(false);
    expect(input('edit-mentorName').value).toBe('Ana Costa');
  });

  it('checks the travel days against green travel, and sends them', async () => {
    await open();
    type('edit-travelDays', '4');
    h.button('Save changes').click();
    await h.settle();
    h.http.expectNone((r) => r.method === 'PATCH');
    expect(h.el.querySelector('#edit-travelDays-error')?.textContent).toContain(
      'Travel days can be at most 2, or 6 with green travel',
    );
    expect(document.activeElement?.id).toBe('edit-travelDays');

    input('edit-greenTravel').click();
    h.button('Save changes').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.body).toEqual({ travelDays: 4, greenTravel: true });
    const after = { ...MOBILITY, travelDays: 4, greenTravel: true, version: 4 };
    patch.flush(after);
    await saved(after);
    expect(h.store.announcement()).toBe('Changes saved.');
  });

  it('sets and clears the BM’s fewer-opportunities flag, sending only that, also once under way', async () => {
    const underWay: MobilityDto = { ...MOBILITY, phase: 'implementation' };
    await open(underWay);
    const flag = input('edit-fewerOpportunities');
    expect(h.el.querySelector('label[for="edit-fewerOpportunities"]')?.textContent).toBe(
      'Participant with fewer opportunities (BM flag; no reason is recorded here)',
    );
    expect(flag.checked).toBe(false);
    flag.click();
    h.button('Save changes').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.body).toEqual({ fewerOpportunities: true });
    const after = { ...underWay, fewerOpportunities: true, version: 4 };
    patch.flush(after);
    await saved(after);
    expect(h.store.announcement()).toBe('Changes saved.');

    h.button('Edit dates, host and mentor').click();
    await h.settle();
    expect(input('edit-fewerOpportunities').checked).toBe(true);
    input('edit-fewerOpportunities').click();
    h.button('Save changes').click();
    await h.settle();
    const clear = h.expect1('PATCH', '/api/mobilities/m1');
    expect(clear.request.body).toEqual({ fewerOpportunities: false });
    const cleared = { ...after, fewerOpportunities: false, version: 5 };
    clear.flush(cleared);
    await saved(cleared);
  });

  it('asks for the host before a mentor, as the domain rules say', async () => {
    await open({ ...MOBILITY, hostOrganisation: null });
    expect(input('edit-mentorEmail').disabled).toBe(true);
    expect(h.el.querySelector('#edit-mentor-hint')?.textContent).toContain('choose the host first');
  });

  it('keeps the host fixed once the mobility is under way', async () => {
    await open({ ...MOBILITY, phase: 'implementation' });
    expect(h.el.querySelector<HTMLSelectElement>('#edit-hostOrganisationId')?.disabled).toBe(true);
    expect(h.el.querySelector('#edit-host-hint')?.textContent).toContain('only be changed during application');
  });

  it('offers no edit once the mobility is closed', async () => {
    await h.render({ ...MOBILITY, phase: 'completed', allowedEvents: [] });
    expect(h.button('Edit dates, host and mentor').disabled).toBe(true);
  });
});
