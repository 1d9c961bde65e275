/**
 * The site a URL belongs to, as an outlet's name when nothing names one: its registrable domain
 * (`news.bbc.co.uk` → `bbc.co.uk`, `edition.cnn.com` → `cnn.com`) by the Public Suffix List that
 * tldts ships. Private suffixes count, so each `*.blogspot.com` or `*.github.io` site is its own
 * outlet. A host with no registrable domain (an IP address, `localhost`) is its own site.
 */
import { createRequire } from 'node:module';
import { domainToUnicode } from 'node:url';

// Loaded on first use: the suffix list is start-up time that runs without URLs (text folders) never need.
const require = createRequire(import.meta.url);
let tldts: typeof import('tldts') | undefined;

/** The site of an absolute URL; null for a relative or malformed one. */
export function siteOf(url: string | null): string | null {
  if (url === null) return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (host === '') return null;
  tldts ??= require('tldts') as typeof import('tldts');
  const { domain, hostname } = tldts.parse(host, { allowPrivateDomains: true });
  const site = domain ?? hostname ?? host;
  // Internationalised names as their readers write them, not as punycode.
  return domainToUnicode(site) || site;
}
