// Owns the dashboard's security headers: a Vite plugin writing the `_headers` file static assets are served with.
import type { Plugin } from 'vite';

/**
 * The CSP of SPEC §20, plus `connect-src` for a dashboard built against an API on another origin
 * (`VITE_API_BASE_URL`, the Pages deployment): scripts, styles and images only from the dashboard
 * itself (images also as `data:`), never framed.
 */
export function contentSecurityPolicy(apiBase: string | undefined): string {
  const api = apiBase ? new URL(apiBase).origin : null;
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    api ? `connect-src 'self' ${api}` : null,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ]
    .filter(Boolean)
    .join('; ');
}

/** Emits `_headers` (read by Workers static assets and Cloudflare Pages) for every path. */
export function securityHeaders(apiBase: string | undefined): Plugin {
  return {
    name: 'gateway-security-headers',
    apply: 'build',
    generateBundle() {
      const lines = [
        '/*',
        `  Content-Security-Policy: ${contentSecurityPolicy(apiBase)}`,
        '  X-Content-Type-Options: nosniff',
        '  Referrer-Policy: no-referrer',
        '  X-Frame-Options: DENY',
        '',
      ];
      this.emitFile({ type: 'asset', fileName: '_headers', source: lines.join('\n') });
    },
  };
}
