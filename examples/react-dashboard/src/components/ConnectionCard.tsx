import { type ConnectionKind, useConnection } from '@smart-ads/react';
import type { ReactNode } from 'react';
import { conditionLabel } from '../condition-label';
import { connectionName } from '../connection-summary';

const titles: Record<ConnectionKind, string> = {
  advertising: 'Amazon Advertising',
  sellerCentral: 'Seller Central (SP-API)',
};

/** One connection on the connections page: what it powers, its account and status, and its actions. */
export function ConnectionCard(props: { kind: ConnectionKind; powers: string; children: ReactNode }) {
  const connection = useConnection(props.kind);
  const name = connectionName(connection);
  const headingId = `connection-${props.kind}`;
  return (
    <section aria-labelledby={headingId} className="panel connection">
      <h2 id={headingId}>{titles[props.kind]}</h2>
      <p className="powers">{props.powers}</p>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`pill pill-${connection.condition ?? 'loading'}`}>
            {conditionLabel(connection.condition)}
          </span>
        </dd>
        {name && (
          <>
            <dt>Account</dt>
            <dd>{name}</dd>
          </>
        )}
        {connection.marketplaces.length > 0 && (
          <>
            <dt>Marketplaces</dt>
            <dd>{connection.marketplaces.join(', ')}</dd>
          </>
        )}
      </dl>
      <div className="actions">{props.children}</div>
    </section>
  );
}
