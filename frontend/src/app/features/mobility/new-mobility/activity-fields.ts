import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import type { OrganisationDto } from '@mobility-hub/api-client';
import { ACTIVITY_TYPES, countryName } from '@mobility-hub/domain';
import { injectFocus } from '@app/core/dom/focus';
import { durationText, idOf, NewMobilityDraft } from './new-mobility-draft';
import { NewHostFields } from './new-host-fields';

/**
 * What and with whom: the activity type (with its duration limits), the sending and the host
 * organisation — a host not registered yet is registered here, inline.
 */
@Component({
  selector: 'app-new-mobility-activity',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, NewHostFields],
  templateUrl: './activity-fields.html',
  styleUrl: './fields.css',
})
export class ActivityFields {
  protected readonly draft = inject(NewMobilityDraft);
  protected readonly idOf = idOf;
  protected readonly durationText = durationText;
  protected readonly activityTypes = Object.values(ACTIVITY_TYPES);
  protected readonly countryName = countryName;
  private readonly focusAfterRender = injectFocus();

  /** The inline "register a new host" fields are open. */
  protected readonly addingHost = signal(false);
  /** Said once the new host is chosen (a polite live region). */
  protected readonly hostAdded = signal('');

  protected openNewHost(): void {
    this.hostAdded.set('');
    this.addingHost.set(true);
    this.focusAfterRender('nh-name');
  }

  protected closeNewHost(): void {
    this.addingHost.set(false);
    this.focusAfterRender('nm-new-host');
  }

  protected hostCreated(organisation: OrganisationDto): void {
    this.draft.addOrganisation(organisation);
    this.draft.form.controls.hostOrganisationId.setValue(organisation.id);
    this.addingHost.set(false);
    this.hostAdded.set(`${organisation.name} is registered and chosen as the host.`);
    this.focusAfterRender(idOf('hostOrganisationId'));
  }
}
