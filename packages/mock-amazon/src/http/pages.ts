/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const style = `body{font-family:Arial,sans-serif;background:#fff;color:#111;margin:0}
header{padding:14px 0;text-align:center;font-size:28px;font-weight:bold;letter-spacing:-1px}
header span{color:#ff9900}
main{max-width:350px;margin:0 auto;border:1px solid #ddd;border-radius:8px;padding:20px 26px}
h1{font-weight:400;font-size:28px;margin:0 0 14px}
label{display:block;font-weight:bold;font-size:13px;margin:10px 0 4px}
input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:7px;border:1px solid #a6a6a6;border-radius:3px}
button{width:100%;margin-top:14px;padding:8px;border-radius:8px;border:1px solid #a88734;background:#f0c14b;cursor:pointer;font-size:13px}
button.secondary{background:#eee;border-color:#adb1b8}
.alert{border:1px solid #c40000;border-radius:6px;padding:10px 14px;margin-bottom:14px;color:#c40000}
.scope{background:#f7f7f7;border-radius:6px;padding:10px;margin:10px 0}
small{color:#555}`;

/** Wraps page content in Amazon-like chrome. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><header>amazon<span>.</span></header><main>${body}</main>
<p style="text-align:center"><small>mock-amazon: a test double of Amazon. Never enter real credentials.</small></p>
</body></html>`;
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

/** The sign-in form (`email`, `password`), posting to `action`. */
export function signInPage(options: {
  action: string;
  fields: Record<string, string>;
  heading: string;
  appName: string;
  email?: string;
  error?: string;
}): string {
  const alert = options.error
    ? `<div class="alert" role="alert" data-error-code="INVALID_CREDENTIALS"><b>There was a problem</b><br>${escapeHtml(options.error)}</div>`
    : '';
  return layout(
    'Amazon Sign-In',
    `${alert}<h1>${escapeHtml(options.heading)}</h1>
<p><small>${escapeHtml(options.appName)} asks you to sign in with your Amazon account.</small></p>
<form name="signIn" method="post" action="${escapeHtml(options.action)}">
${hidden(options.fields)}
<label for="ap_email">Email or mobile phone number</label>
<input type="email" id="ap_email" name="email" autocomplete="username" value="${escapeHtml(options.email ?? '')}" required>
<label for="ap_password">Password</label>
<input type="password" id="ap_password" name="password" autocomplete="current-password" required>
<button type="submit" id="signInSubmit">Sign in</button>
</form>`,
  );
}

/** The consent page: Allow / Cancel, posting `consent=allow|deny` to `action`. */
export function consentPage(options: {
  action: string;
  fields: Record<string, string>;
  appName: string;
  userName: string;
  lines: string[];
  allowLabel: string;
}): string {
  return layout(
    'Amazon - Consent',
    `<h1>${escapeHtml(options.appName)}</h1>
<p>Signed in as <b>${escapeHtml(options.userName)}</b>.</p>
<p>${escapeHtml(options.appName)} would like to:</p>
${options.lines.map((line) => `<div class="scope">${escapeHtml(line)}</div>`).join('\n')}
<form name="consent" method="post" action="${escapeHtml(options.action)}">
${hidden(options.fields)}
<button type="submit" name="consent" value="allow" id="consent-allow">${escapeHtml(options.allowLabel)}</button>
<button type="submit" name="consent" value="deny" id="consent-deny" class="secondary">Cancel</button>
</form>`,
  );
}

/** An error page that does not redirect back to the app (Amazon shows these on its own site). */
export function errorPage(code: string, title: string, message: string): string {
  return layout(
    title,
    `<div class="alert" role="alert" data-error-code="${escapeHtml(code)}"><b>${escapeHtml(title)}</b><br>${escapeHtml(message)}</div>
<p><small>Error code: <span id="error-code">${escapeHtml(code)}</span></small></p>`,
  );
}
