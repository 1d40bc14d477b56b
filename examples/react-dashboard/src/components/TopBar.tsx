import { useAppServices } from '../app-context';
import { type Page, pagePaths } from '../router';
import { AccountDropdown } from './AccountDropdown';
import { MarketplaceSwitcher } from './MarketplaceSwitcher';

const links: readonly { page: Exclude<Page, 'support'>; label: string }[] = [
  { page: 'dashboard', label: 'Dashboard' },
  { page: 'connections', label: 'Connections' },
];

/**
 * The top bar of the Ads Optimiser: the product name, the two pages, the marketplace switcher and the account
 * dropdown.
 */
export function TopBar({ page }: { page: Page }) {
  const { router } = useAppServices();
  return (
    <header className="top-bar">
      <p className="brand">
        Smart Ads <span>Amazon Ads Optimiser</span>
      </p>
      <nav aria-label="Smart Ads">
        {links.map((link) => (
          <a
            key={link.page}
            href={pagePaths[link.page]}
            aria-current={link.page === page ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              router.navigate(pagePaths[link.page]);
            }}
          >
            {link.label}
          </a>
        ))}
      </nav>
      <MarketplaceSwitcher />
      <AccountDropdown />
    </header>
  );
}
