import { type AmazonRegion, regionNames, useSignIn } from '@smart-ads/react';

/**
 * "Connect Seller Central for Europe": signs Seller Central in for one more region (Amazon authorises the SP-API
 * per region), shown next to a marketplace's "not connected for …" reason. Renders nothing when the rules say no
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
  if (!signIn.action.allowed && signIn.action.code !== 'in_progress') return null;
  const busy = signIn.activity !== 'idle' && signIn.activity !== 'failed';
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
        ? `Connecting Seller Central for ${regionNames[region]}…`
        : `Connect Seller Central for ${regionNames[region]}`}
    </button>
  );
}
