// Every kind of event the audit trail records (CJIS AU-2), named `area.verb`. A new kind is added
// here, so the list stays the one place that says what is audited.

export const auditActions = [
  // Sign-in and sessions
  'auth.banner-acknowledge',
  'auth.sign-in',
  'auth.sign-in-offline',
  'auth.sign-out',
  'auth.totp-replay',
  'auth.lockout',
  'auth.lockout-release',
  'session.lock',
  'session.unlock',
  'session.expire',
  'session.end-locked',
  // Second factor
  'mfa.enrolment-code-issue',
  'mfa.enrol',
  'mfa.reset',
  // Records
  'inmate.read',
  'visitor.read',
  'record.create',
  'record.change',
  'record.delete',
  'visit-request.decide',
  'contact-request.decide',
  // Administration
  'staff.role-change',
  'import.preview',
  'import.commit',
  'export.create',
  'privileged.run',
  // The trail itself and the cache
  'audit.read',
  'audit.export',
  'audit.verify',
  'cache.set-aside',
  'cache.rebuild',
  'cache.retention-purge',
] as const;

export type AuditAction = (typeof auditActions)[number];

export const auditOutcomes = ['success', 'failure'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** Where in Sallyport the event came from (CJIS AU-3 "source"). */
export const auditSources = ['app', 'cli', 'sync'] as const;
export type AuditSource = (typeof auditSources)[number];
