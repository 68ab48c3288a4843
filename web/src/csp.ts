// The server sends a Content-Security-Policy whose style-src allows only
// our own files and styles carrying the per-response nonce it wrote into
// <meta name="csp-nonce">. Ant Design's CSS-in-JS takes the nonce through
// ConfigProvider; a few helpers underneath it (scroll locking of modals
// and drawers, scrollbar measuring) create <style> elements without one.
// Giving every <style> element the nonce when it is created covers them all.

const marker = '__CSP_NONCE__';

function readNonce(): string {
  const v = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  // During `vite dev` the marker is not replaced and there is no policy.
  return v === marker ? '' : v;
}

export const cspNonce = readNonce();

export function nonceDynamicStyles(nonce: string) {
  if (!nonce) return;
  const create = document.createElement.bind(document) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  document.createElement = function (tag: string, options?: ElementCreationOptions) {
    const el = create(tag, options);
    if (typeof tag === 'string' && tag.toLowerCase() === 'style') el.setAttribute('nonce', nonce);
    return el;
  } as typeof document.createElement;
}
