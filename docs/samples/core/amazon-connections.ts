import {
  type ConnectionsView,
  type ConnectionView,
  createConnections,
  displayMetric,
  metricCatalogue,
  regionNames,
} from '@smart-ads/core';

/** An element with text (never HTML: names come from Amazon and must not be able to inject markup). */
function element(tag: string, text = '', attributes: Record<string, string> = {}): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** A button that runs `onClick`; disabled with the reason as its title when the rules say no. */
function button(label: string, action: ConnectionView['actions']['connect'], onClick: () => void) {
  const node = element('button', label, { type: 'button' }) as HTMLButtonElement;
  node.disabled = !action.allowed;
  if (!action.allowed) node.title = action.message;
  node.addEventListener('click', onClick);
  return node;
}

/** One connection: its state, connect (or reconnect) and disconnect, the confirmation prompt, its trouble. */
function connectionSection(connection: ConnectionView): HTMLElement {
  const section = element('section', '', { 'aria-label': connection.label });
  const name =
    connection.kind === 'advertising' ? connection.accountName : connection.marketplaces.join(', ');
  section.append(
    element('p', `${connection.label}: ${connection.condition}${name ? ` (${name})` : ''}`),
    button(
      `${connection.condition === 'stale' ? 'Reconnect' : 'Connect'} ${connection.label}`,
      connection.actions.connect,
      () => connection.connect(),
    ),
    // Seller Central: immediate (rule 3). Amazon Advertising: opens the confirmation prompt (rule 4).
    button(`Disconnect ${connection.label}`, connection.actions.disconnect, () => connection.disconnect()),
  );
  // Seller Central is authorised per Amazon region: with several, each one with its marketplaces and its own
  // disconnect (the others stay).
  for (const region of connection.regions.length > 1 ? connection.regions : [])
    section.append(
      element('p', `${region.name} (${region.marketplaces.join(', ')})`),
      button(`Disconnect ${region.name}`, connection.regionActions[region.region].disconnect, () =>
        connection.disconnect(region.region),
      ),
    );
  const prompt = connection.confirmation;
  if (prompt) {
    const dialog = element('div', '', { role: 'alertdialog', 'aria-label': prompt.title });
    const allowed = { allowed: true } as const;
    dialog.append(
      element('p', prompt.message),
      button(prompt.confirmLabel, allowed, () => connection.confirmDisconnect()),
      button(prompt.cancelLabel, allowed, () => connection.cancel()),
    );
    section.append(dialog);
  }
  const trouble = connection.trouble;
  if (trouble) {
    const alert = element('p', trouble.message, { role: 'alert', 'data-code': trouble.code });
    if (trouble.supportUrl) alert.append(' ', element('a', 'Contact support', { href: trouble.supportUrl }));
    section.append(alert);
  }
  return section;
}

/** Draws the whole view into `root`, replacing what was there. */
export function render(root: HTMLElement, view: ConnectionsView): void {
  if (view.phase === 'loading') {
    root.replaceChildren(element('p', 'Loading…'));
    return;
  }
  if (view.phase === 'load_failed') {
    const retry = element('button', 'Try again', { type: 'button' });
    retry.addEventListener('click', () => view.retryLoad());
    root.replaceChildren(element('p', view.loadTrouble?.message ?? ''), retry);
    return;
  }
  // The figures without numbers: a dash (–) for a missing or stale connection, "Populating…" while data arrives.
  // Pass `connections.loadMetrics({ from, to })`'s values as the third argument for the numbers.
  const figures = (['adSpend', 'totalSales', 'tacos'] as const)
    .map((key) => `${metricCatalogue[key].label} ${displayMetric(key, view.metrics[key])}`)
    .join(' · ');
  // A marketplace in a region Seller Central is not authorised for (Germany, North America only): sign in there.
  const regions = new Set(
    view.marketplaces.filter((m) => m.actions.connectSellerCentral.allowed).map((m) => m.region),
  );
  const signIns = [...regions].map((region) =>
    button(`Connect Seller Central for ${regionNames[region]}`, { allowed: true }, () =>
      view.sellerCentral.connect(region),
    ),
  );
  root.replaceChildren(
    connectionSection(view.advertising),
    connectionSection(view.sellerCentral),
    ...signIns,
    element('p', figures),
  );
}

// On every page load, including Amazon's return: the callback in the URL is completed on start, its code and
// state are removed from the address bar and the user lands back on the page they started from.
const root = document.getElementById('amazon');
if (root) {
  const connections = createConnections({
    baseUrl: '/api/amazon', // where the host mounted the server handler
    supportUrl: '/support', // shown with "contact support" (data_still_slow)
    // mode: 'popup',       // sign in in a popup, full-page redirect as the fallback
  });
  connections.subscribe((view) => render(root, view));
  render(root, connections.getView());
}
