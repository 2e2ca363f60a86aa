// Why the workstation locked, as the lock screen says it.
import type { LockReason } from '../../../src-shared/contract';

const reasons: Record<LockReason, string> = {
  idle: 'Locked after a time with no input.',
  requested: 'Locked on request (Lock or Ctrl+L).',
  'system-lock': "Locked because the computer's screen was locked.",
  suspend: 'Locked because the computer went to sleep.',
  'user-switch': 'Locked because the computer switched to another user.',
};

export function lockReasonText(reason: LockReason): string {
  return reasons[reason];
}
