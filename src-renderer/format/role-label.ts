import type { Role } from '../../src-shared/domain/roles';

const labels: Record<Role, string> = {
  officer: 'Officer',
  supervisor: 'Supervisor',
  administrator: 'Administrator',
};

export function roleLabel(role: Role): string {
  return labels[role];
}
