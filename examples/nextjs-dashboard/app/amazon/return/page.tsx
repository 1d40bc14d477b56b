'use client';

import { ConnectionsCallback, ConnectionsProvider } from '@smart-ads/react';
import { useRouter } from 'next/navigation';

/** Amazon's return: the engine completes the sign-in, then goes back where the seller started. */
export default function AmazonReturnPage() {
  const router = useRouter();
  return (
    <ConnectionsProvider options={{ baseUrl: '/api/amazon' }}>
      <ConnectionsCallback onReturn={(path) => router.replace(path)} />
    </ConnectionsProvider>
  );
}
