'use client';

import { useEffect, useState } from 'react';
import { DashboardApp, type DashboardAppProps } from '../../dashboard-app';

/**
 * The return page's client part: the server cannot know what the browser's engine will do with Amazon's answer (a
 * code to exchange, a refusal, an account to choose), so the server HTML and the first browser render are the same
 * short notice, and the dashboard mounts once hydrated.
 */
export function AmazonReturn(props: DashboardAppProps) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (mounted) return <DashboardApp {...props} />;
  return (
    <p className="page" role="status">
      Completing your Amazon sign-in…
    </p>
  );
}
