/**
 * Data and a harness for the specs of the mobility file and its parts (imported by `*.spec.ts` only,
 * so never in the build): renders a component with the file read through HttpTestingController.
 */
import type { Type } from '@angular/core';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  AccompanyingPersonsDto,
  GuardianFileDto,
  LifecycleEventDto,
  MobilityDto,
  MobilityRemindersDto,
  PersonDto,
  TaskDto,
} from '@mobility-hub/api-client';
import { problemType, type ProblemCode } from '@mobility-hub/domain';
import { provideHttpTesting } from '@testing/spec-helpers';
import { MobilityFileStore } from './mobility-file.store';
import { answerHostAnswers } from '@testing/host-answers';

export const MOBILITY: MobilityDto = {
  id: 'm1',
  projectId: 'p1',
  activityType: 'LM-SHORT-VET',
  allowedEvents: ['HOST_CONFIRM', 'REOPEN', 'WITHDRAW'],
  advanceUnmet: [],
  checklistVersion: 1,
  currentChecklistVersion: 2,
  createdAt: '2026-01-10T09:00:00Z',
  updatedAt: '2026-01-12T09:00:00Z',
  durationDays: 21,
  startDate: '2026-05-04',
  endDate: '2026-05-24',
  travelDays: 2,
  greenTravel: false,
  fewerOpportunities: false,
  bmActivityId: '000101-MOB-00001',
  hostOrganisation: { id: 'o2', name: 'Hotel Lisboa', country: 'PT' },
  sendingOrganisation: { id: 'o1', name: 'BBS Trier', country: 'DE' },
  machineVersion: 1,
  mentor: null,
  nextDueTask: null,
  overdueTasks: 1,
  participant: {
    id: 'pa1',
    firstName: 'Lena',
    lastName: 'Fischer',
    email: 'lena@example.org',
    dateOfBirth: null,
    ageAtStart: null,
    minor: null,
  },
  phase: 'preparation',
  placementConfirmed: false,
  placementConfirmedAt: null,
  taskCounts: { done: 1, open: 2, overdue: 1, waived: 0 },
  version: 3,
  yourRole: 'coordinator',
  insurance: { covers: [], missingRisks: ['health', 'accident', 'liability'], recordedAt: null, recordedBy: null },
  interruption: null,
  learningAgreementCompletedOn: null,
  learningAgreementLate: false,
  participantReport: {
    status: null,
    requestedAt: null,
    lastSentAt: null,
    resentCount: 0,
    submittedAt: null,
    deadline: '2026-06-23',
    overdue: false,
    resendableFrom: null,
  },
};

export function task(partial: Partial<TaskDto> & Pick<TaskDto, 'id' | 'title' | 'phase'>): TaskDto {
  return {
    key: partial.id,
    mobilityId: 'm1',
    dueDate: '2026-04-01',
    guidance: `How to do ${partial.title}`,
    mandatory: false,
    note: null,
    overdue: false,
    catchUp: false,
    role: 'coordinator',
    status: 'open',
    statusChangedAt: null,
    statusChangedBy: null,
    waiverReason: null,
    ...partial,
  };
}

export const TASKS: TaskDto[] = [
  task({ id: 't1', title: 'Learning agreement drafted', phase: 'application', status: 'done', mandatory: true }),
  task({ id: 't2', title: 'Book travel', phase: 'preparation', overdue: true, dueDate: '2026-01-01', role: 'learner' }),
  task({ id: 't3', title: 'Insurance arranged', phase: 'preparation', mandatory: true }),
];

export const HISTORY: LifecycleEventDto[] = [
  {
    sequence: 1,
    event: 'CREATE',
    from: null,
    to: 'application',
    actor: 'anna@bbs-trier.example',
    actorName: 'Anna Schulz',
    reason: null,
    reasonText: null,
    occurredAt: '2026-01-10T09:00:00Z',
  },
  {
    sequence: 2,
    event: 'ADVANCE',
    from: 'application',
    to: 'preparation',
    actor: 'anna@bbs-trier.example',
    actorName: 'Anna Schulz',
    reason: null,
    reasonText: null,
    occurredAt: '2026-01-12T09:00:00Z',
  },
];

export const REMINDERS: MobilityRemindersDto = {
  planned: [
    {
      taskId: 't3',
      taskTitle: 'Insurance arranged',
      occasion: 'due-soon',
      occasionDate: '2026-03-25',
      sendAt: '2026-03-25T08:00:00Z',
      mailKind: 'task-reminder',
      recipientEmail: 'erasmus@bbs-trier.example',
      muted: false,
    },
  ],
  sent: [],
};

/** A problem+json body of the registry's code. */
export function problem(code: ProblemCode, status: number, extra: Record<string, unknown> = {}): object {
  return { type: problemType(code), title: code, status, detail: code, ...extra };
}

/** Renders one part of the mobility file (or the page) with the file read from the mocked API. */
/** The guardian part of an adult's file. */
export const ADULT_FILE: GuardianFileDto = {
  ageAtStart: 19,
  minor: false,
  guardian: null,
  consent: 'not-needed',
  lastAnswer: null,
  linkExpiresAt: null,
  editable: true,
};

/** The participant as a person of the school: this mobility only, unless a spec says otherwise. */
export const PERSON: PersonDto = {
  id: 'pa1',
  organisationId: 's1',
  firstName: 'Lena',
  lastName: 'Fischer',
  email: 'lena@example.org',
  dateOfBirth: null,
  mobilityCount: 1,
  latestStartDate: MOBILITY.startDate,
  participations: [
    {
      mobilityId: 'm1',
      projectId: MOBILITY.projectId,
      projectReference: '2026-1-DE02-KA122-VET-000000001',
      projectTitle: 'Apprentices abroad',
      activityType: MOBILITY.activityType,
      hostName: null,
      startDate: MOBILITY.startDate,
      endDate: MOBILITY.endDate,
      phase: MOBILITY.phase,
    },
  ],
};

export class FileHarness<T> {
  readonly http: HttpTestingController;
  fixture!: ComponentFixture<T>;
  el!: HTMLElement;
  /** How many times the reminders were read (answered with REMINDERS). */
  reminderReads = 0;
  /** The answers to the guardian and accompanying-persons reads. */
  guardianFile: GuardianFileDto = ADULT_FILE;
  accompanying: AccompanyingPersonsDto = { items: [], candidates: [] };
  /** The answer to the sending side's read of the participant's other mobilities. */
  person: PersonDto = PERSON;
  /** How many times the participant's other mobilities were read. */
  personReads = 0;

  /** `page`: the component provides the store itself (the page); otherwise the spec provides one. */
  constructor(
    private readonly component: Type<T>,
    private readonly page = false,
  ) {
    TestBed.configureTestingModule({
      imports: [component],
      providers: [...provideHttpTesting(), provideRouter([]), ...(page ? [] : [MobilityFileStore])],
    });
    this.http = TestBed.inject(HttpTestingController);
  }

  get store(): MobilityFileStore {
    return this.page ? this.fixture.debugElement.injector.get(MobilityFileStore) : TestBed.inject(MobilityFileStore);
  }

  async settle(): Promise<void> {
    // detectChanges() rather than whenStable(): a resource still loading keeps the app unstable.
    for (let i = 0; i < 4; i++) {
      this.fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
      for (const req of this.http.match((r) => r.method === 'GET' && r.url === '/api/mobilities/m1/reminders')) {
        this.reminderReads++;
        req.flush(REMINDERS);
      }
      // The minor's part of the file and the accompanying persons: an adult, nobody accompanying, unless a spec says otherwise.
      for (const req of this.http.match((r) => r.method === 'GET' && r.url === '/api/mobilities/m1/guardian')) {
        req.flush(this.guardianFile);
      }
      for (const req of this.http.match(
        (r) => r.method === 'GET' && r.url === '/api/mobilities/m1/accompanying-persons',
      )) {
        req.flush(this.accompanying);
      }
      answerHostAnswers(this.http);
      for (const req of this.http.match((r) => r.method === 'GET' && r.url === '/api/persons/pa1')) {
        this.personReads++;
        req.flush(this.person);
      }
    }
    this.fixture.detectChanges();
  }

  expect1(method: string, url: string): TestRequest {
    return this.http.expectOne((r) => r.method === method && r.url === url);
  }

  /** Creates the component and answers the file's reads: the mobility, its tasks and (sending side) its history. */
  async render(mobility: MobilityDto = MOBILITY, tasks: TaskDto[] = TASKS): Promise<void> {
    this.fixture = TestBed.createComponent(this.component);
    if (this.page) this.fixture.componentRef.setInput('mobilityId', 'm1');
    else this.store.mobilityId.set('m1');
    this.el = this.fixture.nativeElement as HTMLElement;
    await this.settle();
    this.expect1('GET', '/api/mobilities/m1').flush(mobility, { headers: { ETag: `"${mobility.version}"` } });
    this.expect1('GET', '/api/mobilities/m1/tasks').flush(tasks);
    await this.settle();
    // The history is the sending side's only (the API answers 403 to the others): asked once the role is known.
    if (mobility.yourRole === 'coordinator' || mobility.yourRole === 'staff') {
      this.expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
      await this.settle();
    }
  }

  button(text: string): HTMLButtonElement {
    const found = Array.from(this.el.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.trim().startsWith(text),
    );
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  checkbox(title: string): HTMLInputElement {
    const label = Array.from(this.el.querySelectorAll('label')).find((l) => l.textContent?.trim() === title);
    return this.el.querySelector<HTMLInputElement>(`#${label?.getAttribute('for')}`) as HTMLInputElement;
  }
}
