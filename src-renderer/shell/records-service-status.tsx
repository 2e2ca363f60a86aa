// The status bar's word on the records service: online or offline (a dot and a word, never colour
// alone), when the cache last synced, when something is wrong a short note that opens the full
// sentence from main (what happened and what to do), and Sync now. The bar is short of room, so
// Sync now is an icon whose name shows as a tooltip on hover and focus.
import {
  Button,
  Dialog,
  DialogTrigger,
  Heading,
  Popover,
  Tooltip,
  TooltipTrigger,
} from 'react-aria-components';
import type { SyncStatusView } from '../../src-shared/contract';
import { Icon } from '../components/icon';
import { formatTime, formatTimeOrDay } from '../format/date-time';
import type { SyncStatusHandle } from '../hooks/use-sync-status';

type Tone = 'online' | 'offline' | 'pending';

/** The connection in one word, and the colour of its dot. */
export function connectionState(status: SyncStatusView | null): { tone: Tone; word: string } {
  if (status === null) return { tone: 'pending', word: 'Checking…' };
  if (status.online) return { tone: 'online', word: 'Online' };
  if (status.error !== null) return { tone: 'offline', word: 'Offline' };
  // No attempt has failed: the sync has not started, or its first answer is on its way.
  return status.phase === 'stopped'
    ? { tone: 'pending', word: 'Not syncing' }
    : { tone: 'pending', word: 'Connecting…' };
}

/** A few words on what the sync does about a problem, for the bar; null when all is well. */
function problemNote(status: SyncStatusView): string | null {
  if (status.error === null) return null;
  if (status.phase === 'blocked') return 'Stopped';
  if (status.phase === 'retrying' && status.nextRetryAt !== null)
    return `Retrying ${formatTime(status.nextRetryAt)}`;
  return 'Problem';
}

export function RecordsServiceStatus({ sync }: { sync: SyncStatusHandle }) {
  const { status } = sync;
  const { tone, word } = connectionState(status);
  const note = status === null ? null : problemNote(status);
  return (
    <>
      {/* Announced when it changes (online, offline), not with every sync. */}
      <span className={`connection connection-${tone}`} aria-live="polite">
        {word}
      </span>
      {status !== null && (
        <span className={status.lastSuccessAt === null ? 'status-synced muted' : 'status-synced'}>
          {status.lastSuccessAt === null
            ? 'Not yet synced'
            : `Synced ${formatTimeOrDay(status.lastSuccessAt)}`}
        </span>
      )}
      {status?.error != null && note !== null && (
        <SyncProblem note={note} error={status.error} offline={!status.online} />
      )}
      <TooltipTrigger delay={300}>
        <Button
          className="status-icon-button"
          aria-label={sync.syncing ? 'Syncing…' : 'Sync now'}
          aria-busy={sync.syncing || undefined}
          onPress={() => {
            if (!sync.syncing) sync.syncNow();
          }}
        >
          <Icon name="refresh" size={18} />
          {sync.syncing && <span className="status-syncing">Syncing…</span>}
        </Button>
        <Tooltip className="tooltip" placement="top" offset={8}>
          Sync now
        </Tooltip>
      </TooltipTrigger>
    </>
  );
}

/** The short note as a button: it opens the sentence, which screen readers also hear on focus. */
function SyncProblem({ note, error, offline }: { note: string; error: string; offline: boolean }) {
  return (
    <DialogTrigger>
      <Button className="status-problem" aria-describedby="sync-problem-sentence">
        <Icon name="alert" size={16} />
        {note}
      </Button>
      <span id="sync-problem-sentence" className="visually-hidden">
        {error}
      </span>
      <Popover className="popover" placement="top end" offset={10}>
        <Dialog className="popover-dialog">
          <Heading slot="title" className="popover-title">
            {offline ? 'The records service is offline' : 'The records sync has a problem'}
          </Heading>
          <p>{error}</p>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
