// Types only: erased at build time, so the shell does not pull in the generated client.
import type { MeDto } from '@mobility-hub/api-client';

/**
 * The parts of the app a signed-in person works in, from their memberships (the same reading as
 * libs/domain's access rules, kept this small because the shell's navigation uses it):
 * - `sending`: coordinator or staff of some organisation (a school) — projects, mobilities, partners, mail;
 * - `coordinator`: coordinator of some organisation — also its team and audit log;
 * - `host`: mentor at a host company — the placements of that company;
 * - `learner`: a participant (of one school or several) — their own mobilities.
 */
export type Area = 'sending' | 'coordinator' | 'host' | 'learner';

export function inArea(user: MeDto, area: Area): boolean {
  if (area === 'learner') return user.participantIds.length > 0;
  return user.memberships.some((m) =>
    area === 'host' ? m.role === 'mentor' : area === 'sending' ? m.role !== 'mentor' : m.role === 'coordinator',
  );
}

/**
 * Where a person starts (and where a page outside their role sends them): the sending side its
 * projects, a mentor the placements, a learner their mobility; someone with no role left, the
 * account page that says so.
 */
export function homeOf(user: MeDto): string {
  return inArea(user, 'sending')
    ? '/projects'
    : inArea(user, 'host')
      ? '/host'
      : inArea(user, 'learner')
        ? '/me'
        : '/account';
}

/** The organisation whose team the navigation's "Team" opens: the first one the person coordinates. */
export function teamOrganisationOf(user: MeDto): string | null {
  return user.memberships.find((m) => m.role === 'coordinator')?.organisationId ?? null;
}
