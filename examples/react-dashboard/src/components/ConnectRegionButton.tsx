import { type AmazonRegion, regionNames, useConnection, useSignIn } from '@smart-ads/react';

/**
 * "Connect Seller Central for Europe": signs Seller Central in for one more region (Amazon authorises the SP-API
 * per region), shown next to a marketplace's "not connected for …" reason; "Reconnect …" for a region whose
 * authorisation stopped working. Renders nothing when the rules say no
 * (Seller Central not connected yet: its own connect comes first; the region already authorised).
 */
export function ConnectRegionButton({
  region,
  className,
  onChosen,
}: {
  region: AmazonRegion;
  className?: string;
  onChosen?: () => void;
}) {
  const signIn = useSignIn('sellerCentral', { region });
  const { regions } = useConnection('sellerCentral');
  if (!signIn.action.allowed && signIn.action.code !== 'in_progress') return null;
  const busy = signIn.activity !== 'idle' && signIn.activity !== 'failed';
  const stale = regions.some((entry) => entry.region === region && entry.health === 'stale');
  return (
    <button
      type="button"
      className={className}
      aria-disabled={busy || undefined}
      onClick={() => {
        onChosen?.();
        signIn.start();
      }}
    >
      {busy
        ? 'Going to Amazon…'
        : `${stale ? 'Reconnect' : 'Connect'} Seller Central for ${regionNames[region]}`}
    </button>
  );
}
