import { FileHarness, MOBILITY, problem } from '@app/features/mobility/mobility.fixtures';
import { MobilityLifecycle } from '@app/features/mobility/lifecycle/mobility-lifecycle';

const IN_IMPLEMENTATION = {
  ...MOBILITY,
  phase: 'implementation' as const,
  placementConfirmed: true,
  allowedEvents: ['REOPEN', 'WITHDRAW', 'INTERRUPT'] as typeof MOBILITY.allowedEvents,
};

describe('MobilityInterrupt (from the lifecycle)', () => {
  let h: FileHarness<MobilityLifecycle>;
  beforeEach(() => {
    h = new FileHarness(MobilityLifecycle);
  });
  afterEach(() => h.http.verify());

  const set = (id: string, value: string) => {
    const input = h.el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = () => h.el.querySelector<HTMLButtonElement>('#interrupt-form button[type="submit"]')?.click();

  it('asks for the actual last day, the reason and force majeure, and names what is missing', async () => {
    await h.render(IN_IMPLEMENTATION);
    const button = h.button('Record interruption');
    button.click();
    await h.settle();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const date = h.el.querySelector<HTMLInputElement>('#interrupt-actualEndDate');
    expect(date?.min).toBe('2026-05-04');
    expect(date?.max).toBe('2026-05-23');
    submit();
    await h.settle();
    expect(h.el.querySelector('.form-alert')?.textContent).toContain('the 3');
    expect(h.el.textContent).toContain('Enter the actual last day abroad.');
    expect(h.el.textContent).toContain('Say whether force majeure caused it.');
    expect(document.activeElement?.id).toBe('interrupt-actualEndDate');
  });

  it('sends INTERRUPT with its fields; a refusal goes to the field it names', async () => {
    await h.render(IN_IMPLEMENTATION);
    h.button('Record interruption').click();
    await h.settle();
    set('interrupt-actualEndDate', '2026-05-20');
    set('interrupt-reason', 'Flood at the host');
    h.el.querySelector<HTMLInputElement>('#interrupt-fm-yes')?.click();
    await h.settle();
    submit();
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.body).toEqual({
      type: 'INTERRUPT',
      reason: 'Flood at the host',
      actualEndDate: '2026-05-20',
      forceMajeure: true,
    });
    expect(post.request.headers.get('If-Match')).toBe('"3"');
    post.flush(
      problem('lifecycle-refused', 409, {
        event: 'INTERRUPT',
        phase: 'implementation',
        unmet: [
          {
            code: 'INTERRUPTION_DATE_INVALID',
            field: 'actualEndDate',
            message: 'The actual last day cannot be in the future (today is 12 May)',
          },
        ],
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await h.settle();
    expect(h.el.querySelector('#interrupt-actualEndDate-error')?.textContent).toContain('cannot be in the future');
  });
});
