import { ConnectionsProvider } from '@smart-ads/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { type AppConfig, appConfigPath, defaultAppConfig } from './app-config';
import { AppServicesContext } from './app-context';
import { lastDays } from './date-range';
import { createRouter } from './router';
import './styles.css';

async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch(appConfigPath, { headers: { accept: 'application/json' } });
    if (!response.ok) return defaultAppConfig;
    return { ...defaultAppConfig, ...((await response.json()) as Partial<AppConfig>) };
  } catch {
    return defaultAppConfig;
  }
}

const config = await loadConfig();
const router = createRouter();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <AppServicesContext.Provider value={{ config, router }}>
      <ConnectionsProvider
        options={{
          baseUrl: '/api/amazon',
          dataSlowAfterMs: config.dataSlowAfterMs,
          statusPollMs: config.statusPollMs,
          supportUrl: config.supportUrl,
          // Amazon sends the user back to /amazon/return; the engine then returns to the page they started on.
          onReturn: (path) => router.replace(path),
        }}
        metricsRefreshMs={config.metricsPollMs}
        metricsRange={lastDays(7)}
      >
        <App />
      </ConnectionsProvider>
    </AppServicesContext.Provider>
  </StrictMode>,
);
