/** The app's pages. */
export type Page = 'dashboard' | 'connections' | 'support';

/** The path of each page. */
export const pagePaths: { readonly [P in Page]: string } = {
  dashboard: '/',
  connections: '/connections',
  support: '/support',
};

/** A tiny history-based router: the current path, and a way to move. */
export interface Router {
  getPath(): string;
  subscribe(listener: () => void): () => void;
  /** Goes to a path (a new history entry). */
  navigate(path: string): void;
  /** Replaces the current entry (used when the engine brings the user back from Amazon). */
  replace(path: string): void;
}

/**
 * Creates the router over `window.history`.
 *
 * @example
 * ```ts
 * const router = createRouter();
 * router.navigate('/connections');
 * ```
 */
export function createRouter(): Router {
  const listeners = new Set<() => void>();
  let path = window.location.pathname;
  const update = () => {
    path = window.location.pathname;
    for (const listener of listeners) listener();
  };
  window.addEventListener('popstate', update);
  return {
    getPath: () => path,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigate(to) {
      window.history.pushState(null, '', to);
      update();
    },
    replace(to) {
      window.history.replaceState(null, '', to);
      update();
    },
  };
}

/** The page a path shows. */
export function pageOf(path: string): Page {
  if (path === pagePaths.connections) return 'connections';
  return path === pagePaths.support ? 'support' : 'dashboard';
}
