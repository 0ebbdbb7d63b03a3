import { TestBed } from '@angular/core/testing';
import type { LifecycleEventDto, MobilityDto } from '@mobility-hub/api-client';
import { MobilityStepper } from './mobility-stepper';

describe('MobilityStepper', () => {
  function render(phase: MobilityDto['phase'], history: LifecycleEventDto[] = []): HTMLElement {
    const fixture = TestBed.createComponent(MobilityStepper);
    fixture.componentRef.setInput('phase', phase);
    fixture.componentRef.setInput('history', history);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }
  const states = (el: HTMLElement): string[] =>
    Array.from(el.querySelectorAll('li')).map((li) => li.className.replace('step step-', ''));

  it('marks the phases before the current one done, and the current one', () => {
    const el = render('implementation');
    expect(states(el)).toEqual(['done', 'done', 'current', 'todo', 'todo']);
    expect(el.querySelector('[aria-current="step"]')?.textContent).toContain('Implementation');
    expect(el.querySelector('.final-state')).toBeNull();
  });

  it('marks every phase done once completed', () => {
    const el = render('completed');
    expect(states(el)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(el.querySelector('.final-state')?.textContent).toContain('This mobility is completed.');
  });

  it('shows where a withdrawn mobility stopped, from its history', () => {
    const el = render('withdrawn', [
      {
        sequence: 3,
        event: 'WITHDRAW',
        from: 'preparation',
        to: 'withdrawn',
        actor: 'anna',
        reason: 'Left',
        occurredAt: '2026-02-01T09:00:00Z',
      },
    ]);
    expect(states(el)).toEqual(['done', 'stopped', 'todo', 'todo', 'todo']);
    expect(el.querySelector('.step-stopped')?.textContent).toContain('withdrawn during this phase');
    expect(el.querySelector('.final-state.withdrawn')).not.toBeNull();
  });
});
