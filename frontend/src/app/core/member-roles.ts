import type { MembershipDto } from '@mobility-hub/api-client';

export type MemberRole = MembershipDto['role'];

/** A member's role in an organisation, as a word. */
export const MEMBER_ROLE_LABELS: Readonly<Record<MemberRole, string>> = {
  coordinator: 'Coordinator',
  staff: 'Staff',
  mentor: 'Mentor',
};

/** What each role does, in a sentence ("… as Coordinator: …"). */
export const MEMBER_ROLE_DUTIES: Readonly<Record<MemberRole, string>> = {
  coordinator: 'runs the organisation’s projects and mobilities, and manages its people and audit log',
  staff: 'works on the organisation’s projects and mobilities',
  mentor: 'looks after the learners placed at this organisation and ticks the host’s tasks',
};
