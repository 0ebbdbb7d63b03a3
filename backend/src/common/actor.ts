/**
 * Who is recorded as having done a change. Until accounts exist (the accounts issue) every
 * request acts as this placeholder; it is never taken from a header or a body field.
 */
export const ACTOR = 'anonymous';
