import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api, createImport, getImport, type ImportDto } from '@mobility-hub/api-client';
import { ImportReport } from './import-report';
import { JobTracker } from './job-poll';
import { ProblemSummary } from './problem-summary';
import { progressText, templateUrl } from './report-labels';

/** The upload limit the API applies (config.reports.importMaxBytes): checked here first to save the round trip. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

function importFile(control: AbstractControl<File | null>): ValidationErrors | null {
  const file = control.value;
  if (!file) return null;
  if (!/\.(csv|xlsx)$/i.test(file.name)) return { type: true };
  if (file.size > IMPORT_MAX_BYTES) return { size: true };
  return null;
}

const FILE_MESSAGES: Readonly<Record<string, string>> = {
  required: 'Choose a CSV or Excel file.',
  type: 'The file must be a .csv or .xlsx file.',
  size: 'The file is larger than 10 MB.',
};

/** Upload → dry run (every row checked, nothing written) → confirm (the same file again, written all or nothing). */
@Component({
  selector: 'app-import-wizard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ImportReport, ProblemSummary],
  templateUrl: './import-wizard.html',
  styleUrl: './import-wizard.css',
})
export class ImportWizard {
  readonly projectId = input.required<string>();

  private readonly api = inject(Api);
  protected readonly dryRun = new JobTracker<ImportDto>((id) => this.api.invoke(getImport, { id }));
  protected readonly commit = new JobTracker<ImportDto>((id) => this.api.invoke(getImport, { id }));

  protected readonly file = new FormControl<File | null>(null, { validators: [Validators.required, importFile] });
  protected readonly fileError = signal<string | null>(null);

  protected readonly templateXlsx = computed(() => templateUrl(this.projectId(), 'xlsx'));
  protected readonly templateCsv = computed(() => templateUrl(this.projectId(), 'csv'));

  /** The dry run's result once done (the preview). */
  protected readonly preview = computed(() => {
    const job = this.dryRun.job();
    return job?.status === 'done' ? job : null;
  });
  protected readonly progress = computed(() => {
    const job = this.commit.job() ?? this.dryRun.job();
    return job && job.status !== 'done' ? progressText(job, job.dryRun ? 'Checking' : 'Creating') : null;
  });
  /** Confirm only a valid file that creates at least one mobility, once, and not while something runs. */
  protected readonly mayConfirm = computed(() => {
    const preview = this.preview();
    return (
      !!preview &&
      preview.valid === true &&
      preview.report.some((r) => r.action === 'create') &&
      !this.commit.lostTrack() &&
      !this.dryRun.busy() &&
      !this.commit.busy() &&
      !this.committed()
    );
  });
  protected readonly committed = computed(() => {
    const job = this.commit.job();
    return job?.status === 'done' && job.committed ? job : null;
  });
  protected readonly commitFailed = computed(() => {
    const job = this.commit.job();
    return job && (job.status === 'failed' || (job.status === 'done' && !job.committed)) ? job : null;
  });

  /** The file the dry run checked: confirming sends exactly this one. */
  private checked: File | null = null;

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.setValue(input.files?.[0] ?? null);
    this.file.markAsTouched();
    this.fileError.set(null);
    this.dryRun.reset();
    this.commit.reset();
    this.checked = null;
  }

  protected check(event: Event): void {
    event.preventDefault();
    this.file.updateValueAndValidity();
    const errors = this.file.errors;
    if (errors) {
      this.fileError.set(FILE_MESSAGES[Object.keys(errors)[0]] ?? 'Check the file.');
      document.getElementById('import-file')?.focus();
      return;
    }
    this.fileError.set(null);
    const file = this.file.value as File;
    this.checked = file;
    this.commit.reset();
    void this.dryRun.start(() => this.upload(file, true));
  }

  protected confirm(): void {
    const file = this.checked;
    if (!file || !this.mayConfirm()) return;
    void this.commit.start(() => this.upload(file, false));
  }

  private upload(file: File, dryRun: boolean): Promise<ImportDto> {
    return this.api.invoke(createImport, { id: this.projectId(), dryRun, body: { file } });
  }
}
