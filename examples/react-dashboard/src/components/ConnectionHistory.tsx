import { type ConnectionHistoryEntry, connectionHistoryResponseSchema, regionNames } from '@smart-ads/core';
import { useId } from 'react';
import { locale } from '../locale';
import { usePolledJson } from '../use-polled-json';

const labels: Record<ConnectionHistoryEntry['type'], string> = {
  connected: 'Connected',
  account_chosen: 'Connected (account chosen)',
  reconnected: 'Reconnected',
  disconnected: 'Disconnected',
  stale_detected: 'Stopped working',
  data_ready: 'First data arrived',
  disconnect_confirmation_asked: 'Disconnect asked (not confirmed)',
  erased: 'Data erased',
};
const kinds: Record<ConnectionHistoryEntry['kind'], string> = {
  advertising: 'Amazon Advertising',
  sellerCentral: 'Seller Central',
};

const parseHistory = (body: unknown) => connectionHistoryResponseSchema.parse(body);

/** The subscription's connection history from the server half (`GET /api/amazon/history`), newest first. */
export function ConnectionHistory() {
  const id = useId();
  const entries = usePolledJson('/api/amazon/history?limit=20', parseHistory)?.entries ?? null;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <section aria-labelledby={id} className="panel connection-history">
      <h2 id={id}>Connection history</h2>
      {entries === null ? null : entries.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ol>
          {entries.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{time.format(new Date(entry.at))}</time>{' '}
              {/* The kind, not Amazon's raw account or selling-partner id: an id means nothing to a seller. */}
              <strong>{labels[entry.type]}</strong>: {kinds[entry.kind]}
              {/* Seller Central is authorised per region: "Seller Central (Europe)". */}
              {entry.kind === 'sellerCentral' && entry.region ? ` (${regionNames[entry.region]})` : ''}
              {entry.cascade ? ' (with its Advertising account)' : ''}
              {entry.actor ? ` — by ${entry.actor}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
