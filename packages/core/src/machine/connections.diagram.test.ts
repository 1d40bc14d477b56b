import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagramPage, toMermaid } from './connections.diagram';
import { connectionsMachine } from './connections.machine';

const page = fileURLToPath(new URL('../../../../docs/connections-machine.md', import.meta.url));

describe('the machine diagram in docs/', () => {
  it('is the diagram the machine draws today (regenerate with UPDATE_DIAGRAM=1)', () => {
    const expected = diagramPage(connectionsMachine);
    if (process.env.UPDATE_DIAGRAM === '1') writeFileSync(page, expected);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(expected);
  });

  it('draws both regions, the confirmation step and the troubleshooting states', () => {
    const mermaid = toMermaid(connectionsMachine);
    expect(mermaid).toContain('state "confirmingDisconnect" as ready_advertising_confirmingDisconnect');
    expect(mermaid).toContain(
      'ready_advertising_confirmingDisconnect --> ready_advertising_disconnecting : CONFIRM_DISCONNECT [isFor]',
    );
    expect(mermaid).toContain('state "stillSlow" as ready_sellerCentral_idle_connected_populating_stillSlow');
    expect(mermaid).toContain(
      'ready_sellerCentral_idle_connected --> ready_sellerCentral_idle_disconnected : always',
    );
    expect(mermaid).not.toContain('ready_sellerCentral_confirmingDisconnect');
    expect(mermaid).not.toContain('ready_sellerCentral_authorizing_choosingAccount');
  });
});
