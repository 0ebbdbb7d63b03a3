/** `learner@school.eu` → `l•••••r@school.eu`: enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  if (!domain) return '•••';
  return local.length <= 2
    ? `${local[0] ?? ''}•@${domain}`
    : `${local[0]}${'•'.repeat(Math.min(local.length - 2, 5))}${local.at(-1)}@${domain}`;
}
