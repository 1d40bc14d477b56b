import { useSyncExternalStore } from 'react';
import { useAppServices } from './app-context';

/** The current path, re-rendering when it changes. */
export function usePath(): string {
  const { router } = useAppServices();
  return useSyncExternalStore(router.subscribe, router.getPath);
}
