import { useConnection } from '@smart-ads/react';

/** After a sign-in that sees several advertising accounts: the user picks the one to connect (rule 2). */
export function AccountChooser() {
  const advertising = useConnection('advertising');
  if (advertising.accounts.length === 0) return null;
  return (
    <section aria-labelledby="choose-account-heading" className="notice">
      <h2 id="choose-account-heading">Choose the Amazon Advertising account to connect</h2>
      <p>Your 1smart.link subscription supports one Amazon Advertising account at a time.</p>
      <ul className="choices">
        {advertising.accounts.map((account) => (
          <li key={account.id}>
            <button type="button" onClick={() => advertising.selectAccount(account.id)}>
              {account.name}
            </button>{' '}
            <small>
              {account.type}, {account.marketplaces.map((m) => m.countryCode).join(', ')}
            </small>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={advertising.cancel}>
        Cancel
      </button>
    </section>
  );
}
