/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** An HTML page. */
export function html(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A 302 redirect. `location` may be relative to the request URL, as browsers allow. */
export function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
}

/** An error of the Ads API: `{ code, details, requestId }`. */
export function adsError(
  status: number,
  details: string,
  requestId: string,
  code = String(status),
): Response {
  return json(status, { code, details, requestId });
}

/**
 * An error of Ads reporting v3's own checks: `{ code, detail }`, the shape of its 425 duplicate answer (clients
 * read `detail`); the gateway's authentication errors keep {@link adsError}'s shape.
 */
export function reportingError(status: number, detail: string, code = String(status)): Response {
  return json(status, { code, detail });
}

/**
 * An error of Ads campaign management v3 (`/sp/keywords`, `/sp/targets`): `{ code, message }`, the shape of the
 * model's exceptions (e.g. `SponsoredProductsKeywordMutationExceptionResponseContent`, code `INVALID_ARGUMENT`).
 */
export function v3Error(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json(status, { code, message }, headers);
}

/** An error of the SP-API: `{ errors: [{ code, message, details }] }`. */
export function spError(status: number, code: string, message: string, details = ''): Response {
  return json(status, { errors: [{ code, message, details }] });
}

/** An OAuth error of the LWA token endpoint. */
export function lwaError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
) {
  return json(status, { error_description: description, error }, { 'cache-control': 'no-store', ...headers });
}

/** An S3-style XML error (report downloads). */
export function s3Error(status: number, code: string, message: string): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(body, { status, headers: { 'content-type': 'application/xml' } });
}
