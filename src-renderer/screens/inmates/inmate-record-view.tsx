// One inmate's record, read-only: who (name, booking number, date of birth, status), where
// (housing unit and cell), the restrictions in words, approved contacts, and upcoming and recent
// visits. Main audits every opening (who looked at whom), so the record is read once per opening,
// not again as the sync moves on. Back (or Esc) returns to the search.
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { InmateDetail } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { Icon } from '../../components/icon';
import { ageOn, formatCalendarDate, formatDateTime } from '../../format/date-time';
import { errorMessage } from '../../format/error-message';
import { fullName, restrictionLabel } from '../../format/inmate-labels';
import { useKeyShortcuts } from '../../hooks/use-key-shortcuts';
import { EmptyState, PageFrame } from '../../shell/section-page';
import type { Section } from '../../shell/sections';
import { ApprovedContactsTable, VisitsTable } from './inmate-record-tables';
import { InmateStatusPill } from './inmate-status-pill';

type Opening =
  | { phase: 'loading' }
  | { phase: 'loaded'; inmate: InmateDetail }
  | { phase: 'not-found' }
  | { phase: 'failed'; message: string };

interface InmateRecordViewProps {
  section: Section;
  id: string;
  onBack: () => void;
}

export function InmateRecordView({ section, id, onBack }: InmateRecordViewProps) {
  const client = useClient();
  const [opening, setOpening] = useState<Opening>({ phase: 'loading' });
  useKeyShortcuts({ Escape: onBack });

  useEffect(() => {
    let current = true;
    void client.call('inmates.get', { id }).then((result) => {
      if (!current) return;
      if (result.ok) setOpening({ phase: 'loaded', inmate: result.value });
      else if (result.error.code === 'NOT_FOUND') setOpening({ phase: 'not-found' });
      else setOpening({ phase: 'failed', message: errorMessage(result.error) });
    });
    return () => {
      current = false;
    };
  }, [client, id]);

  const back = (
    <Button className="button button-quiet button-back" onPress={onBack} aria-keyshortcuts="Escape">
      <Icon name="back" />
      Back to search
    </Button>
  );

  if (opening.phase !== 'loaded') {
    return (
      // A new frame when the record arrives, so its heading (the name) takes focus and is read.
      <PageFrame
        key={opening.phase}
        section={section}
        eyebrow="Inmate record"
        title="Inmate record"
        back={back}
      >
        {opening.phase === 'loading' && <p className="muted">Opening the record…</p>}
        {opening.phase === 'not-found' && (
          <EmptyState
            title="This inmate is not in this workstation's records."
            detail="The record may have been removed after a release, or the address is wrong. Go back to the search and look for the inmate by name or booking number."
          />
        )}
        {opening.phase === 'failed' && <FormAlert message={opening.message} />}
      </PageFrame>
    );
  }

  const { inmate } = opening;
  return (
    <PageFrame
      key="loaded"
      section={section}
      eyebrow="Inmate record"
      title={fullName(inmate)}
      back={back}
      subtitle={<RecordFacts inmate={inmate} />}
    >
      <div className="record-summary">
        <section className="record-card" aria-labelledby="record-housing">
          <h2 id="record-housing">Housing</h2>
          <dl className="record-facts">
            <div>
              <dt>Unit</dt>
              <dd>
                {inmate.housingUnitCode === null ? (
                  <span className="muted">Not housed</span>
                ) : (
                  <>
                    {inmate.housingUnitName !== null && `${inmate.housingUnitName} · `}
                    <span className="housing-code">{inmate.housingUnitCode}</span>
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>Cell</dt>
              <dd>{inmate.cell ?? <span className="muted">None</span>}</dd>
            </div>
            <div>
              <dt>Booked</dt>
              <dd>
                <time dateTime={inmate.bookedAt}>{formatDateTime(inmate.bookedAt)}</time>
              </dd>
            </div>
            {inmate.releasedAt !== null && (
              <div>
                <dt>Released</dt>
                <dd>
                  <time dateTime={inmate.releasedAt}>{formatDateTime(inmate.releasedAt)}</time>
                </dd>
              </div>
            )}
          </dl>
        </section>
        <section
          className={inmate.restrictions.length > 0 ? 'record-card record-card-restricted' : 'record-card'}
          aria-labelledby="record-restrictions"
        >
          <h2 id="record-restrictions">Restrictions</h2>
          {inmate.restrictions.length === 0 ? (
            <p className="muted">No restrictions.</p>
          ) : (
            <ul className="restriction-list">
              {inmate.restrictions.map((restriction) => (
                <li key={restriction}>
                  <Icon name="warning" size={18} />
                  {restrictionLabel(restriction)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="record-section" aria-labelledby="record-contacts">
        <h2 id="record-contacts">
          Approved contacts <span className="heading-count">{inmate.approvedContacts.length}</span>
        </h2>
        <ApprovedContactsTable contacts={inmate.approvedContacts} />
      </section>
      <section className="record-section" aria-labelledby="record-upcoming">
        <h2 id="record-upcoming">Upcoming visits</h2>
        <VisitsTable
          visits={inmate.upcomingVisits}
          labelledBy="record-upcoming"
          empty="No upcoming visits."
        />
      </section>
      <section className="record-section" aria-labelledby="record-recent">
        <h2 id="record-recent">Recent visits</h2>
        <VisitsTable
          visits={inmate.recentVisits}
          labelledBy="record-recent"
          empty="No past visits on this workstation's records."
        />
      </section>
    </PageFrame>
  );
}

function RecordFacts({ inmate }: { inmate: InmateDetail }) {
  return (
    <dl className="record-identity">
      <div>
        <dt>Booking no.</dt>
        <dd className="booking-number">{inmate.bookingNumber}</dd>
      </div>
      <div>
        <dt>Born</dt>
        <dd>
          {formatCalendarDate(inmate.dateOfBirth)} (age {ageOn(inmate.dateOfBirth)})
        </dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <InmateStatusPill status={inmate.status} />
        </dd>
      </div>
    </dl>
  );
}
