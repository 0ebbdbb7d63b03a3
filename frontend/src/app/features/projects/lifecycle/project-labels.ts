import type { ProjectDto } from '@mobility-hub/api-client';
import type { ProjectEventType, ProjectStatus } from '@mobility-hub/domain';

/** How a coordinator reads a project's status (reference §3: the project lifecycle). */
export const PROJECT_STATUS_LABELS: Readonly<Record<ProjectStatus, string>> = {
  running: 'Running',
  reporting: 'Reporting',
  submitted: 'Report submitted',
  closed: 'Closed',
};

/** The button of each event a coordinator records. */
export const PROJECT_EVENT_LABELS: Readonly<Record<ProjectEventType, string>> = {
  SUBMIT_FINAL_REPORT: 'Record final report submitted',
  CLOSE: 'Record the NA’s final decision',
  REOPEN_REPORT: 'Report returned by the NA',
};

/** A one-line explanation of where the project stands. */
export function statusExplanation(p: ProjectDto): string {
  switch (p.status) {
    case 'running':
      return 'Mobilities take place until the end date; reporting starts the day after.';
    case 'reporting':
      return 'The project has ended: complete the data in the Beneficiary Module and submit the final report.';
    case 'submitted':
      return 'The final report is in the Beneficiary Module; the National Agency assesses it within 60 days.';
    case 'closed':
      return 'The National Agency has decided on the final report. Keep the documents for audits.';
  }
}
