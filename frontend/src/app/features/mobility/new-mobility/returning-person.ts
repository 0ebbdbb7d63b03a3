import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { Api, listPersons, type PersonSummaryDto } from '@mobility-hub/api-client';
import { formatDate } from '@app/core/format-date';
import { NewMobilityDraft } from './new-mobility-draft';

/** Waits for typing to pause before asking the API; false when the ask was superseded meanwhile. */
function pause(signal: AbortSignal, ms = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(!signal.aborted), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const same = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * People who come back: while a coordinator types the participant's e-mail (or searches by name),
 * the school's person with that address is offered — "Lena Schmidt (born 12 Apr 2007) — already went
 * on 1 mobility: use this person" — and using them fills in their details as the school recorded
 * them. The API then adds the mobility to that person (the same address at the same school is the
 * same person; other details would be refused rather than rename them).
 */
@Component({
  selector: 'app-returning-person',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="returning" data-testid="returning-person">
      <div class="search">
        <label for="nm-person-search">Someone your school sent before? <span class="muted">(optional)</span></label>
        <input
          id="nm-person-search"
          type="search"
          autocomplete="off"
          placeholder="Search by name or e-mail"
          [value]="query()"
          (input)="query.set($any($event.target).value)"
        />
      </div>
      @if (offers().length) {
        <ul class="offers" aria-label="People your school knows">
          @for (p of offers(); track p.id) {
            <li data-testid="person-offer">
              <span>
                <strong>{{ p.firstName }} {{ p.lastName }}</strong
                >{{ p.dateOfBirth ? ' (born ' + formatDate(p.dateOfBirth) + ')' : '' }} ·
                <span class="muted">{{ p.email }}</span> — already went on
                {{ p.mobilityCount === 1 ? '1 mobility' : p.mobilityCount + ' mobilities' }}
              </span>
              @if (isChosen(p)) {
                <span class="chosen" role="status">Using this person</span>
              } @else {
                <button type="button" (click)="use(p)">Use this person</button>
              }
            </li>
          }
        </ul>
      } @else if (query().trim().length >= 2 && !searching()) {
        <p class="muted small" role="status">Nobody of your school matches “{{ query().trim() }}”.</p>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin: 0 0 1rem;
    }
    .search {
      display: grid;
      gap: 0.25rem;
      max-inline-size: 28rem;
    }
    input {
      font: inherit;
      padding: 0.375rem 0.5rem;
      border: 1px solid var(--mh-border);
      border-radius: 0.375rem;
      background: var(--mh-surface);
      color: var(--mh-text);
      min-inline-size: 0;
    }
    .offers {
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .offers li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--mh-border);
      border-radius: var(--mh-radius);
      background: var(--mh-surface);
      overflow-wrap: anywhere;
    }
    button {
      font: inherit;
      padding: 0.25rem 0.75rem;
      border: 1px solid var(--mh-accent);
      border-radius: var(--mh-radius);
      background: var(--mh-surface);
      color: var(--mh-accent);
      cursor: pointer;
    }
    .chosen {
      font-weight: 600;
      color: var(--mh-success, var(--mh-accent));
    }
    .muted {
      color: var(--mh-muted);
    }
    .small {
      font-size: 0.875rem;
    }
  `,
})
export class ReturningPerson {
  private readonly api = inject(Api);
  private readonly draft = inject(NewMobilityDraft);

  protected readonly formatDate = formatDate;
  protected readonly query = signal('');

  /** The project's school: its people only. */
  private readonly school = computed(() =>
    this.draft.project.hasValue() ? this.draft.project.value().beneficiaryOrganisation.id : null,
  );
  private readonly email = computed(() => {
    const email = this.draft.value().participant.email.trim();
    return EMAIL.test(email) ? email : null;
  });

  /** The school's person with the address typed, if any. */
  private readonly byEmail = resource({
    params: () => {
      const school = this.school();
      const email = this.email();
      return school && email ? { school, email } : undefined;
    },
    loader: async ({ params, abortSignal }) =>
      (await pause(abortSignal))
        ? (await this.api.invoke(listPersons, { organisationId: params.school, email: params.email, pageSize: 1 }))
            .items
        : [],
  });
  /** The school's people matching the search box. */
  private readonly bySearch = resource({
    params: () => {
      const school = this.school();
      const q = this.query().trim();
      return school && q.length >= 2 ? { school, q } : undefined;
    },
    loader: async ({ params, abortSignal }) =>
      (await pause(abortSignal))
        ? (await this.api.invoke(listPersons, { organisationId: params.school, q: params.q, pageSize: 5 })).items
        : [],
  });

  protected readonly searching = computed(() => this.bySearch.isLoading());
  /** The person with the typed address first, then the search's (each once). */
  protected readonly offers = computed(() => {
    const found = [
      ...(this.byEmail.hasValue() && this.email() ? this.byEmail.value() : []),
      ...(this.bySearch.hasValue() && this.query().trim().length >= 2 ? this.bySearch.value() : []),
    ];
    return found.filter((p, i) => found.findIndex((q) => q.id === p.id) === i);
  });

  /** The form holds this person's details as recorded (the API will add the mobility to them). */
  protected isChosen(p: PersonSummaryDto): boolean {
    const v = this.draft.value().participant;
    return (
      same(v.email, p.email) &&
      same(v.firstName, p.firstName) &&
      same(v.lastName, p.lastName) &&
      (v.dateOfBirth || null) === p.dateOfBirth
    );
  }

  /** Fills in the person as the school recorded them. */
  protected use(p: PersonSummaryDto): void {
    this.draft.form.controls.participant.patchValue({
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      dateOfBirth: p.dateOfBirth ?? '',
    });
    this.draft.form.controls.participant.markAsDirty();
    this.query.set('');
  }
}
