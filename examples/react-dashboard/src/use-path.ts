import { useSyncExternalStore } from 'react';
import { useAppServices } from './app-context';

/** The current path, re-rendering when it changes (on the server: the path of the request being rendered). */
export function usePath(): string {
  const { router } = useAppServices();
  return useSyncExternalStore(router.subscribe, router.getPath, router.getPath);
}
