/** A form found in an HTML page: where it posts, its hidden and prefilled fields, its submit buttons. */
export interface HtmlForm {
  name: string | null;
  method: string;
  action: string;
  fields: Record<string, string>;
  buttons: { name: string | null; value: string | null; id: string | null; label: string }[];
}

function decode(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:-]+)\s*=\s*"([^"]*)"/g)) {
    const [, name, value] = match;
    if (name && value !== undefined) out[name.toLowerCase()] = decode(value);
  }
  return out;
}

/**
 * Reads the forms of an HTML page (the small, regular HTML the mock's own pages use), the way a test driving
 * the sign-in as a browser would.
 *
 * @example
 * ```ts
 * const [form] = parseHtmlForms(await response.text());
 * const body = new URLSearchParams({ ...form.fields, email, password });
 * ```
 */
export function parseHtmlForms(page: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const formAttributes = attributes(match[1] ?? '');
    const inner = match[2] ?? '';
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1] ?? '');
      if (a.name && (a.type === 'hidden' || a.value !== undefined)) fields[a.name] = a.value ?? '';
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map((button) => {
      const a = attributes(button[1] ?? '');
      return {
        name: a.name ?? null,
        value: a.value ?? null,
        id: a.id ?? null,
        label: decode(button[2] ?? '').trim(),
      };
    });
    forms.push({
      name: formAttributes.name ?? null,
      method: (formAttributes.method ?? 'get').toUpperCase(),
      action: formAttributes.action ?? '',
      fields,
      buttons,
    });
  }
  return forms;
}

/**
 * The error code shown on one of the mock's Amazon pages (`data-error-code`), if any.
 *
 * @example
 * ```ts
 * pageErrorCode(await response.text()); // 'MD5101'
 * ```
 */
export function pageErrorCode(page: string): string | null {
  return /data-error-code="([^"]+)"/.exec(page)?.[1] ?? null;
}
