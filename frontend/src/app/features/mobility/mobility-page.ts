import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MobilityAccompanying } from './minor/mobility-accompanying';
import { MobilityGuardian } from './minor/mobility-guardian';
import { RouterLink } from '@angular/router';
import { ACTIVITY_TYPES, seesPersonalDetails } from '@mobility-hub/domain';
import { formatDate } from '@app/core/format-date';
import { MobilityChecklist } from './checklist/mobility-checklist';
import { ChecklistVersion } from './checklist-version/checklist-version';
import { MobilityEditForm } from './edit/mobility-edit-form';
import { MobilityHistory } from './history/mobility-history';
import { stateLabel } from './labels';
import { MobilityLifecycle } from './lifecycle/mobility-lifecycle';
import { MobilityFileStore } from './mobility-file.store';
import { MobilityReminders } from './reminders/mobility-reminders';
import { MobilityMailLog } from './mail-log/mobility-mail-log';
import { MobilityStepper } from './stepper/mobility-stepper';
import { MobilityStay } from './stay/mobility-stay';
import { MobilityInsurance } from './insurance/mobility-insurance';
import { MobilityParticipantReport } from './participant-report/mobility-participant-report';
import { OtherMobilities } from './person/other-mobilities';
import { HostAnswerNotice } from '@app/features/host-answers/host-answer-notice';

/**
 * The mobility file: header, phase stepper, lifecycle events, checklist, reminders, dates, host and
 * mentor, history — as much of it as the signed-in person's role on this mobility (`yourRole`)
 * allows: the sending side all of it; the host's mentor the host's tasks and the host's answer
 * (never the date of birth); the learner their own tasks. What the API would refuse is not offered.
 * The page reads the file (MobilityFileStore) and lays out its parts; each part does one job.
 */
@Component({
  selector: 'app-mobility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page mobility-page' },
  providers: [MobilityFileStore],
  imports: [
    MobilityMailLog,
    MobilityGuardian,
    MobilityAccompanying,
    RouterLink,
    MobilityStepper,
    MobilityLifecycle,
    MobilityChecklist,
    ChecklistVersion,
    MobilityReminders,
    MobilityEditForm,
    MobilityHistory,
    MobilityStay,
    MobilityInsurance,
    MobilityParticipantReport,
    OtherMobilities,
    HostAnswerNotice,
  ],
  templateUrl: './mobility-page.html',
  styleUrls: ['./mobility.css', './mobility-page.css'],
})
export class MobilityPage {
  /** From the route `mobilities/:mobilityId`. */
  readonly mobilityId = input.required<string>();

  protected readonly store = inject(MobilityFileStore);
  protected readonly stateLabel = stateLabel;
  protected readonly formatDate = formatDate;

  /** The date of birth, for those who may see it (not the host's mentor) and only when it is known. */
  protected readonly dateOfBirth = computed(() => {
    const m = this.store.mobility();
    return m && seesPersonalDetails(m.yourRole) ? m.participant.dateOfBirth : null;
  });

  /** Where "back" leads: the sending side to the project's pipeline, a mentor to the placements, a learner home. */
  protected readonly back = computed(() => {
    const m = this.store.mobility();
    if (!m || this.store.sendingSide())
      return { link: m ? ['/projects', m.projectId] : ['/'], label: 'Back to the project pipeline' };
    return m.yourRole === 'mentor'
      ? { link: ['/host'], label: 'Back to your placements' }
      : { link: ['/me'], label: 'Back to my mobility' };
  });

  protected readonly activityLabel = computed(() => {
    const m = this.store.mobility();
    return m ? (ACTIVITY_TYPES[m.activityType]?.label ?? m.activityType) : '';
  });

  /** The panels at the foot of the file (the sending side's): one shown at a time. */
  protected readonly tabs = [
    { id: 'reminders', label: 'Reminders' },
    { id: 'mail', label: 'E-mails' },
    { id: 'history', label: 'History' },
  ] as const;
  protected readonly panel = signal<(typeof this.tabs)[number]['id']>('reminders');

  /** Arrow keys, Home and End move between the tabs (the focus follows the selection). */
  protected moveTab(event: KeyboardEvent): void {
    const ids = this.tabs.map((t) => t.id);
    const at = ids.indexOf(this.panel());
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % ids.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + ids.length) % ids.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? ids.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    this.panel.set(ids[to]);
    (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLElement>(`#tab-${ids[to]}`)?.focus();
  }

  constructor() {
    effect(() => this.store.mobilityId.set(this.mobilityId()));
  }
}
