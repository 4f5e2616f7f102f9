// One Content-Security-Policy for every way the UI is served: Electron (meta tag + headers)
// and browser mode (response header). Scripts only from the app itself; no eval, no inline
// script, no plugins, no framing, no form posts, and connections only back to our own origin.
// Inline styles are allowed because the component library sets CSS variables and style props.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Development only: Vite's hot reload injects an inline preamble and connects a websocket. */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*");
