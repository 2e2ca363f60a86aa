// The sections of the left rail, in order, with who may see them and what each shows when it
// has nothing to show. Main enforces the roles; the rail only leaves out what a role cannot use.
import type { Role } from '../../src-shared/domain/roles';
import type { IconName } from '../components/icon';

export interface Section {
  readonly id: string;
  readonly group: 'Queues' | 'Records' | 'Administration';
  readonly label: string;
  readonly title: string;
  readonly icon: IconName;
  /** The key that opens it (listed under '?'). */
  readonly key: string;
  readonly administratorsOnly: boolean;
  readonly empty: { readonly title: string; readonly detail: string };
}

export const sections: readonly Section[] = [
  {
    id: 'visits',
    group: 'Queues',
    label: 'Visits',
    title: 'Visit requests',
    icon: 'visits',
    key: '1',
    administratorsOnly: false,
    empty: {
      title: 'No visit requests are waiting.',
      detail: 'New requests from the facility records service appear here, oldest first.',
    },
  },
  {
    id: 'contacts',
    group: 'Queues',
    label: 'Contacts',
    title: 'Contact requests',
    icon: 'contacts',
    key: '2',
    administratorsOnly: false,
    empty: {
      title: 'No contact requests are waiting.',
      detail: "Requests to add a person to an inmate's approved contacts appear here, oldest first.",
    },
  },
  {
    id: 'inmates',
    group: 'Records',
    label: 'Inmates',
    title: 'Inmates',
    icon: 'inmates',
    key: '3',
    administratorsOnly: false,
    empty: {
      title: 'No inmate records on this workstation.',
      detail: 'Records appear here once the workstation has synced with the facility records service.',
    },
  },
  {
    id: 'import',
    group: 'Administration',
    label: 'Import',
    title: 'Import approved contacts',
    icon: 'import',
    key: '4',
    administratorsOnly: true,
    empty: {
      title: 'No contact lists have been imported.',
      detail: 'Uploads of approved-contact lists (CSV) and their results are listed here.',
    },
  },
  {
    id: 'audit',
    group: 'Administration',
    label: 'Audit',
    title: 'Audit trail',
    icon: 'audit',
    key: '5',
    administratorsOnly: true,
    empty: {
      title: 'No audit entries to show.',
      detail: 'Sign-ins, decisions, imports and every read of an inmate record are listed here.',
    },
  },
  {
    id: 'staff',
    group: 'Administration',
    label: 'Staff',
    title: 'Staff',
    icon: 'staff',
    key: '6',
    administratorsOnly: true,
    empty: {
      title: 'No staff accounts to show.',
      detail: 'Staff who sign in at this facility are listed here with their role and MFA enrolment.',
    },
  },
];

export function sectionsFor(role: Role): readonly Section[] {
  return sections.filter((section) => !section.administratorsOnly || role === 'administrator');
}
