import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { TaskDto } from '@mobility-hub/api-client';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

/** Waives one task: the sending side says why it is not needed (required). */
@Component({
  selector: 'app-waive-task-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../../mobility.css',
  template: `
    <form
      class="inline-form"
      novalidate
      [attr.aria-label]="'Waive ' + task().title"
      (submit)="confirm($event)"
      (keydown.escape)="closed.emit(false)"
    >
      <label [for]="'waiver-' + task().id">Why is “{{ task().title }}” not needed? (required)</label>
      <textarea
        [id]="'waiver-' + task().id"
        #reasonBox
        rows="2"
        aria-required="true"
        [value]="reason()"
        (input)="reason.set($any($event.target).value); error.set(null)"
        [attr.aria-invalid]="error() ? 'true' : null"
        [attr.aria-describedby]="error() ? 'waiver-error' : null"
      ></textarea>
      @if (error(); as message) {
        <p id="waiver-error" class="field-error" role="alert">{{ message }}</p>
      }
      <div class="form-actions">
        <button type="submit" class="primary" [disabled]="store.busy()">Waive task</button>
        <button type="button" (click)="closed.emit(false)">Cancel</button>
      </div>
    </form>
  `,
})
export class WaiveTaskForm {
  readonly task = input.required<TaskDto>();
  /** true once the task is waived, false when cancelled. */
  readonly closed = output<boolean>();

  protected readonly store = inject(MobilityFileStore);
  protected readonly reason = signal('');
  protected readonly error = signal<string | null>(null);
  private readonly reasonBox = viewChild.required<ElementRef<HTMLTextAreaElement>>('reasonBox');

  constructor() {
    afterNextRender(() => this.reasonBox().nativeElement.focus());
  }

  protected async confirm(event: Event): Promise<void> {
    event.preventDefault();
    const reason = this.reason().trim();
    if (!reason) {
      this.error.set('Give a reason for waiving this task.');
      this.reasonBox().nativeElement.focus();
      return;
    }
    if (await this.store.changeTask(this.task(), { status: 'waived', waiverReason: reason })) this.closed.emit(true);
  }
}
