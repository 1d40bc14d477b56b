import { createContext, useContext } from 'react';
import type { AppConfig } from './app-config';
import type { Router } from './router';

/** What the dashboard's components share besides the engine (which `ConnectionsProvider` holds). */
export interface AppServices {
  readonly config: AppConfig;
  readonly router: Router;
}

export const AppServicesContext = createContext<AppServices | null>(null);

/** The dashboard's shared services (inside `<AppServicesContext.Provider>`). */
export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useAppServices must be used inside <AppServicesContext.Provider>');
  return services;
}
