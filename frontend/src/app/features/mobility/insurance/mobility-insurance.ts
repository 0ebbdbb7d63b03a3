import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { InsuranceCoverDto } from '@mobility-hub/api-client';
import {
  INSURANCE_RISK_LABELS,
  INSURANCE_RISKS,
  insuranceViolations,
  type InsuranceCoverKind,
  type InsuranceRisk,
  riskList,
} from '@mobility-hub/domain';
import { fieldMessage, type ApiProblem } from '@app/core/api/problem';
import { formatDateTime } from '@app/core/format-date';
import { injectFocus } from '@app/core/dom/focus';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

type CoverForm = FormGroup<{
  kind: FormControl<InsuranceCoverKind>;
  insurer: FormControl<string>;
  policyNumber: FormControl<string>;
  health: FormControl<boolean>;
  accident: FormControl<boolean>;
  liability: FormControl<boolean>;
}>;

type CoverField = 'kind' | 'insurer' | 'policyNumber' | 'risks';

/**
 * "Insurance": the covers of the stay (health, accident, third-party liability — a rule before
 * departure, reference §3.2 #10) and what is still missing; the sending side records them. The
 * domain's `insuranceViolations` checks the covers as the API will before they are sent.
 */
@Component({
  selector: 'app-mobility-insurance',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './mobility-insurance.html',
  styleUrl: '../mobility.css',
})
export class MobilityInsurance {
  protected readonly store = inject(MobilityFileStore);
  private readonly focus = injectFocus();
  protected readonly risks = INSURANCE_RISKS;
  protected readonly riskLabels = INSURANCE_RISK_LABELS;
  protected readonly formatDateTime = formatDateTime;

  protected readonly editing = signal(false);
  protected readonly form = new FormArray<CoverForm>([]);
  /** Field errors: the domain's check or the API's answer (fields `covers[i].insurer` …). */
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly errorCount = computed(() => this.problem()?.errors.length ?? 0);

  /** The sending side and the learner (who holds the cover); a host's mentor has no business with it. */
  protected readonly insurance = computed(() => {
    const m = this.store.mobility();
    return m && m.yourRole !== 'mentor' ? m.insurance : null;
  });
  protected readonly missing = computed(() => riskList((this.insurance()?.missingRisks ?? []) as InsuranceRisk[]));
  protected readonly canEdit = computed(() => this.store.sendingSide() && !this.store.isFinal());

  protected riskNames(cover: InsuranceCoverDto): string {
    return riskList(cover.risks as InsuranceRisk[]);
  }

  protected start(): void {
    this.form.clear();
    const covers = this.insurance()?.covers ?? [];
    for (const cover of covers.length ? covers : [null]) this.form.push(this.coverForm(cover));
    this.problem.set(null);
    this.editing.set(true);
    this.focus('cover-0-kind');
  }

  protected add(): void {
    this.form.push(this.coverForm(null));
    this.focus(`cover-${this.form.length - 1}-kind`);
  }

  protected remove(index: number): void {
    this.form.removeAt(index);
    this.problem.set(null);
  }

  protected cancel(): void {
    this.editing.set(false);
    this.focus('insurance-edit');
  }

  protected error(index: number, field: CoverField): string | null {
    return fieldMessage(this.problem(), `covers[${index}].${field}`);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const covers = this.form.controls.map((c) => {
      const v = c.getRawValue();
      return {
        kind: v.kind,
        insurer: v.insurer.trim(),
        policyNumber: v.policyNumber.trim(),
        risks: INSURANCE_RISKS.filter((r) => v[r]),
      };
    });
    const hostCountry = this.store.mobility()?.hostOrganisation?.country ?? null;
    const violations = insuranceViolations(covers, hostCountry);
    if (violations.length) {
      this.problem.set({
        status: 422,
        title: 'Check the covers',
        detail: '',
        errors: violations,
        unmet: [],
        stale: false,
        code: 'rule-violated',
      });
      this.focusFirstError();
      return;
    }
    const outcome = await this.store.recordInsurance({ covers });
    if (outcome.kind === 'problem') {
      this.problem.set(outcome.problem);
      this.focusFirstError();
      return;
    }
    if (outcome.kind !== 'saved') return;
    this.editing.set(false);
    const missing = outcome.mobility.insurance.missingRisks;
    this.store.announcement.set(
      missing.length
        ? `Insurance saved. Still missing: ${riskList(missing as InsuranceRisk[])}.`
        : 'Insurance saved: health, accident and third-party liability are covered.',
    );
    this.focus('insurance-edit');
  }

  private focusFirstError(): void {
    const first = this.problem()?.errors[0]?.field.match(/^covers\[(\d+)\]\.(\w+)/);
    if (first) this.focus(`cover-${first[1]}-${first[2] === 'risks' ? 'health' : first[2]}`);
  }

  private coverForm(cover: InsuranceCoverDto | null): CoverForm {
    const has = (risk: InsuranceRisk) => cover?.risks.includes(risk) ?? false;
    return new FormGroup({
      kind: new FormControl<InsuranceCoverKind>(cover?.kind ?? 'policy', { nonNullable: true }),
      insurer: new FormControl(cover?.insurer ?? '', { nonNullable: true }),
      policyNumber: new FormControl(cover?.policyNumber ?? '', { nonNullable: true }),
      health: new FormControl(cover ? has('health') : true, { nonNullable: true }),
      accident: new FormControl(cover ? has('accident') : true, { nonNullable: true }),
      liability: new FormControl(cover ? has('liability') : true, { nonNullable: true }),
    });
  }
}
