/**
 * Test support: the rules of the spec as checks over a snapshot's view model. Used by the path-based and the
 * property-based tests; each returns the list of broken rules (empty when all hold).
 */
import { errorCatalogue } from '../src/contract/error-codes';
import type { ConnectionKind } from '../src/contract/types';
import { type ConnectionsSnapshot, connectionsView } from '../src/machine/connections.connect';
import { metricCatalogue, metricKeys } from '../src/metrics/metrics.catalogue';
import { displayMetric, metricDash } from '../src/metrics/metrics.format';

const live = (condition: string | null) => condition === 'populating' || condition === 'ready';

export function viewViolations(snapshot: ConnectionsSnapshot): string[] {
  const problems: string[] = [];
  const view = connectionsView(snapshot, () => {});
  const conditions: Record<ConnectionKind, string | null> = {
    advertising: view.advertising.condition,
    sellerCentral: view.sellerCentral.condition,
  };
  if (conditions.sellerCentral !== null && conditions.sellerCentral !== 'disconnected') {
    if (conditions.advertising === 'disconnected')
      problems.push('Seller Central connected without Advertising');
  }
  for (const key of metricKeys) {
    const availability = view.metrics[key];
    const requires = metricCatalogue[key].requires;
    const usable = requires.every((kind) => live(conditions[kind]));
    if (availability.state !== 'unavailable' && !usable)
      problems.push(`${key} shown while a connection is missing`);
    if (availability.state === 'unavailable' && usable) problems.push(`${key} dashed while connected`);
    if (availability.state === 'available' && requires.some((kind) => conditions[kind] === 'populating')) {
      problems.push(`${key} available while populating`);
    }
    const shown = displayMetric(key, availability, { value: 0, reason: null });
    if (availability.state === 'unavailable' && shown !== metricDash)
      problems.push(`${key} unavailable but not a dash`);
    if (availability.state === 'populating' && (shown === metricDash || shown === '0')) {
      problems.push(`${key} populating shown as ${shown}`);
    }
  }
  for (const [id, feature] of Object.entries(view.features)) {
    if (feature.enabled !== live(conditions.advertising))
      problems.push(`feature ${id} enabled=${feature.enabled}`);
  }
  const limit = view.accountLimit ?? 1;
  if (live(conditions.advertising) && limit <= 1 && view.advertising.actions.connect.allowed) {
    if (view.advertising.activity !== 'preparing' && view.advertising.activity !== 'prepared') {
      problems.push('a second Advertising account could be connected');
    }
  }
  if (view.sellerCentral.actions.connect.allowed && conditions.advertising === 'disconnected') {
    problems.push('Seller Central connectable without Advertising');
  }
  for (const kind of ['advertising', 'sellerCentral'] as const) {
    const connection = view[kind];
    if ((connection.confirmation !== null) !== (connection.activity === 'confirming_disconnect')) {
      problems.push(
        `${kind} confirmation shown=${connection.confirmation !== null} in ${connection.activity}`,
      );
    }
    if (
      connection.confirmation &&
      !connection.confirmation.message.includes('stops all Ads Optimiser functionality')
    ) {
      problems.push('confirmation without the rule 4 wording');
    }
    if (
      connection.activity === 'failed' &&
      !(connection.trouble && connection.trouble.code in errorCatalogue)
    ) {
      problems.push(`${kind} failed without a coded trouble`);
    }
    for (const [name, action] of Object.entries(connection.actions)) {
      if (!action.allowed && action.message.length === 0)
        problems.push(`${kind}.${name} blocked without a reason`);
    }
  }
  if (view.sellerCentral.activity === 'confirming_disconnect')
    problems.push('Seller Central asked for confirmation');
  return problems;
}
