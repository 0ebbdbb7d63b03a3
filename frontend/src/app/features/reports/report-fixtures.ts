import type { ExportDto, ImportDto, ImportRowReportDto, ProjectDto } from '@mobility-hub/api-client';

/** Test data of the reports specs (imported by `*.spec.ts` only). */
export const PROJECT_ID = '11111111-1111-4111-8111-111111111111';
export const EXPORT_ID = '22222222-2222-4222-8222-222222222222';
export const IMPORT_ID = '33333333-3333-4333-8333-333333333333';

export const PROJECT = {
  id: PROJECT_ID,
  reference: '2026-1-DE02-KA121-VET-000123456',
  title: 'Accredited mobility 2026',
  beneficiaryOrganisation: { id: 'b', name: 'Berufskolleg Rhein-Ruhr', country: 'DE' },
} as ProjectDto;

export function exportDto(overrides: Partial<ExportDto> = {}): ExportDto {
  return {
    id: EXPORT_ID,
    projectId: PROJECT_ID,
    kind: 'final-report',
    format: 'xlsx',
    status: 'queued',
    progress: 0,
    rows: 0,
    totalRows: null,
    error: null,
    violations: [],
    fileName: null,
    byteSize: null,
    downloadable: false,
    requestedBy: 'Katrin Weber',
    createdAt: '2026-12-03T10:00:00Z',
    finishedAt: null,
    expiresAt: null,
    ...overrides,
  };
}

export function row(n: number, overrides: Partial<ImportRowReportDto> = {}): ImportRowReportDto {
  return {
    row: n,
    action: 'create',
    participant: `Learner ${n}`,
    activityType: 'LM-SHORT-VET',
    startDate: '2027-03-01',
    endDate: '2027-03-28',
    host: 'Talleres Mecánicos Castilla S.L.',
    newPerson: true,
    newHost: false,
    errors: [],
    ...overrides,
  };
}

export function importDto(overrides: Partial<ImportDto> = {}): ImportDto {
  return {
    id: IMPORT_ID,
    projectId: PROJECT_ID,
    dryRun: true,
    status: 'queued',
    progress: 0,
    rows: 0,
    totalRows: null,
    fileName: 'mobilities.csv',
    valid: null,
    committed: false,
    summary: null,
    report: [],
    error: null,
    requestedBy: 'Katrin Weber',
    createdAt: '2026-12-03T10:00:00Z',
    finishedAt: null,
    ...overrides,
  };
}

/** The element, or a failed test naming what is missing. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}
