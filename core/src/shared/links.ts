/**
 * PeerLoop's own links: the tab's page with what to open. People paste them in chats (the messaging
 * extension unfurls them into cards) and cards carry them ("Open in PeerLoop").
 *
 *   {tabBase}/index.html?view=personal&sessionId=<id>
 *   {tabBase}/index.html?view=personal&itemId=<id>
 *   {tabBase}/index.html?view=personal&cohortId=<id>
 */
export type PeerLoopTarget =
  | { readonly kind: 'session'; readonly id: string }
  | { readonly kind: 'item'; readonly id: string }
  | { readonly kind: 'cohort'; readonly id: string };

const PARAM: Record<PeerLoopTarget['kind'], string> = { session: 'sessionId', item: 'itemId', cohort: 'cohortId' };
const ID = /^[A-Za-z0-9._:-]{1,200}$/;

export function peerLoopLink(tabBase: string, target: PeerLoopTarget): string {
  return `${tabBase.replace(/\/+$/, '')}/index.html?view=personal&${PARAM[target.kind]}=${encodeURIComponent(target.id)}`;
}

/**
 * What a pasted link points at, when it is one of PeerLoop's: same origin as the tab (scheme, host, port),
 * its page, and exactly one well-formed target id. Anything else is not ours (null).
 */
export function parsePeerLoopLink(link: string, tabBase: string): PeerLoopTarget | null {
  const base = splitAddress(tabBase.replace(/\/+$/, ''));
  const url = splitAddress(link.trim());
  if (!base || !url || url.origin.toLowerCase() !== base.origin.toLowerCase()) return null;
  const path = url.path.replace(/\/+$/, '');
  if (path !== `${base.path}/index.html` && path !== base.path) return null;
  const params = parseQuery(url.query);
  const found = (Object.keys(PARAM) as PeerLoopTarget['kind'][]).flatMap((kind) => {
    const id = params.get(PARAM[kind]);
    return id !== undefined ? [{ kind, id }] : [];
  });
  if (found.length !== 1) return null;
  const [target] = found as [PeerLoopTarget];
  return ID.test(target.id) ? target : null;
}

/** Core has no URL parser (no platform APIs): origin, path and query of an absolute http(s) address. */
function splitAddress(address: string): { origin: string; path: string; query: string } | null {
  const match = /^(https?:\/\/[^/?#\s]+)([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i.exec(address);
  if (!match) return null;
  return { origin: match[1]!, path: match[2] ?? '', query: (match[3] ?? '').slice(1) };
}

function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const [name = '', value = ''] = pair.split('=', 2);
    try {
      params.set(decodeURIComponent(name), decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      // A malformed escape: not a link we made.
    }
  }
  return params;
}
