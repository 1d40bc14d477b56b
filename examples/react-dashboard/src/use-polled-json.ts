import { useEffect, useState } from 'react';

/**
 * Fetches `url` now and every `everyMs`, keeping the latest answer that `parse` accepts (null until the first).
 * A failed request keeps the previous answer.
 *
 * @example
 * ```ts
 * const history = usePolledJson('/api/amazon/history', (body) => connectionHistoryResponseSchema.parse(body));
 * ```
 */
export function usePolledJson<T>(url: string, parse: (body: unknown) => T, everyMs = 2_000): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      fetch(url, { headers: { accept: 'application/json' } })
        .then(async (response) => (response.ok ? parse(await response.json()) : null))
        .then((body) => {
          if (live && body !== null) setValue(body);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [url, parse, everyMs]);
  return value;
}
