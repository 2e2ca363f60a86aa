// The inmates a search found, one row each: name as a roster prints it, booking number, date of
// birth, where they are housed, status and restrictions. A row opens the record (click, or Enter
// when it has focus); the arrows move between rows.
import type { Ref } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { InmateSummary } from '../../../src-shared/contract';
import { formatCalendarDate } from '../../format/date-time';
import { housingLabel, rosterName } from '../../format/inmate-labels';
import { InmateStatusPill } from './inmate-status-pill';
import { RestrictionBadges } from './restriction-badges';

interface InmateResultsTableProps {
  ref: Ref<HTMLTableElement>;
  hits: readonly InmateSummary[];
  /** A newer search is on its way: these rows are the previous answer. */
  busy: boolean;
  onOpen: (id: string) => void;
}

export function InmateResultsTable({ ref, hits, busy, onOpen }: InmateResultsTableProps) {
  return (
    <div className="table-scroll">
      <Table
        ref={ref}
        aria-label="Inmates found"
        aria-busy={busy || undefined}
        className="data-table inmate-results"
        onRowAction={(key) => onOpen(String(key))}
      >
        <TableHeader>
          <Column isRowHeader>Name</Column>
          <Column>Booking no.</Column>
          <Column>Date of birth</Column>
          <Column>Housing</Column>
          <Column>Status</Column>
          <Column>Restrictions</Column>
        </TableHeader>
        <TableBody items={hits}>
          {(hit) => (
            <Row id={hit.id} className="data-row data-row-action">
              <Cell>
                <span className="inmate-name">{rosterName(hit)}</span>
              </Cell>
              <Cell>
                <span className="booking-number">{hit.bookingNumber}</span>
              </Cell>
              <Cell>{formatCalendarDate(hit.dateOfBirth)}</Cell>
              <Cell>
                {housingLabel(hit.housingUnitCode, hit.cell) ?? <span className="muted">Not housed</span>}
              </Cell>
              <Cell>
                <InmateStatusPill status={hit.status} />
              </Cell>
              <Cell>
                <RestrictionBadges restrictions={hit.restrictions} />
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
