// The lists inside an inmate's record: approved contacts, and visits. Read-only, so they are plain
// tables (a screen reader's table keys work; no row is a tab stop), labelled by their section.
import type { InmateDetail, VisitLine } from '../../../src-shared/contract';
import { formatSlot } from '../../format/date-time';
import { relationshipLabel, visitKindLabel, visitOutcomeLabel } from '../../format/inmate-labels';

type ApprovedContact = InmateDetail['approvedContacts'][number];

const contactStatusLabels: Record<ApprovedContact['status'], string> = {
  approved: 'Approved',
  suspended: 'Suspended',
  revoked: 'Revoked',
};

export function ApprovedContactsTable({ contacts }: { contacts: readonly ApprovedContact[] }) {
  if (contacts.length === 0) return <p className="muted">No approved contacts.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" aria-labelledby="record-contacts">
        <thead>
          <tr>
            <th scope="col">Visitor</th>
            <th scope="col">Relationship</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr key={contact.id}>
              <th scope="row" className="cell-name">
                {contact.visitorName}
              </th>
              <td>{relationshipLabel(contact.relationship)}</td>
              <td>
                <span className="pills">
                  <span className={`pill pill-contact-${contact.status}`}>
                    {contactStatusLabels[contact.status]}
                  </span>
                  {contact.visitorBanned && <span className="pill pill-banned">Visitor banned</span>}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface VisitsTableProps {
  visits: readonly VisitLine[];
  /** The id of the heading that names the table. */
  labelledBy: string;
  empty: string;
}

export function VisitsTable({ visits, labelledBy, empty }: VisitsTableProps) {
  if (visits.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table visits-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col">Visitor</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((visit) => (
            <tr key={visit.id}>
              <th scope="row" className="cell-when">
                <time dateTime={visit.slotStart}>{formatSlot(visit.slotStart, visit.slotEnd)}</time>
              </th>
              <td>{visitKindLabel(visit.kind)}</td>
              <td>{visit.visitorName}</td>
              <td>
                <span className={`pill pill-outcome-${visit.outcome}`}>
                  {visitOutcomeLabel(visit.outcome)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
