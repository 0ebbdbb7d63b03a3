import type { AuditEventDto } from '@mobility-hub/api-client';
import { MEMBER_ROLE_LABELS, type MemberRole } from '@app/core/member-roles';

/** Each kind of security event, in words. */
const KIND_LABELS: Readonly<Record<string, string>> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'sign-in-locked': 'Sign-in paused after failures',
  'sign-out': 'Signed out',
  'password-changed': 'Password changed',
  'role-changed': 'Role changed',
  'member-removed': 'Member removed',
  'invitation-sent': 'Invitation sent',
  'invitation-revoked': 'Invitation revoked',
  'invitation-accepted': 'Invitation accepted',
  'link-requested': 'Link requested by e-mail',
  'link-used': 'Link used',
};

const SIGN_IN_METHODS: Readonly<Record<string, string>> = {
  password: 'with a password',
  link: 'with a sign-in link',
  invitation: 'by accepting an invitation',
};

const LINK_PURPOSES: Readonly<Record<string, string>> = {
  'password-reset': 'password reset link',
  'sign-in-link': 'sign-in link',
  'placement-confirmation': 'host’s placement link',
  invitation: 'invitation link',
};

export function auditKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

const role = (value: unknown): string => MEMBER_ROLE_LABELS[value as MemberRole] ?? String(value);
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** What an event's detail says, as a short sentence (never more than the API recorded). */
export function auditDetail(event: Pick<AuditEventDto, 'kind' | 'detail'>): string {
  const d = event.detail ?? {};
  switch (event.kind) {
    case 'sign-in':
      return SIGN_IN_METHODS[text(d['method'])] ?? '';
    case 'sign-in-failed':
      return [
        d['email'] ? `As ${text(d['email'])}` : '',
        d['failures'] ? `failure ${text(d['failures'])} in a row` : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'sign-in-locked':
      return d['email'] ? `As ${text(d['email'])}` : '';
    case 'password-changed':
      return d['via'] === 'reset-link' ? 'With a reset link' : '';
    case 'role-changed':
      return `${role(d['from'])} → ${role(d['to'])}${d['by'] ? `, by ${text(d['by'])}` : ''}`;
    case 'member-removed':
      return `Was ${role(d['role'])}${d['by'] ? `; removed by ${text(d['by'])}` : ''}`;
    case 'invitation-sent':
      return `To ${text(d['email'])} as ${role(d['role'])}`;
    case 'invitation-revoked':
      return `To ${text(d['email'])}`;
    case 'invitation-accepted':
      return `As ${role(d['role'])}, ${d['newAccount'] ? 'with a new account' : 'with an existing account'}`;
    case 'link-requested':
    case 'link-used': {
      const purpose = LINK_PURPOSES[text(d['purpose'])] ?? text(d['purpose']);
      const renewal = d['action'] === 'renew' ? ' (a new link asked for)' : '';
      const limited = d['limited'] ? ' (not sent: asked for too often)' : '';
      return purpose ? `${purpose.charAt(0).toUpperCase()}${purpose.slice(1)}${renewal}${limited}` : '';
    }
    default:
      return Object.entries(d)
        .map(([key, value]) => `${key}: ${text(value)}`)
        .join(', ');
  }
}
