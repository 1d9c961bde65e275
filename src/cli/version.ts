import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface PackageJson {
  version: string;
  repository?: string | { url?: string };
  homepage?: string;
}

const pkg = require('../../package.json') as PackageJson;

export const VERSION: string = pkg.version;

/**
 * Where the README can be read online, from package.json: a GitHub repository (shorthand
 * `owner/name`, `github:owner/name` or a git URL) as its https page, else an http(s) homepage;
 * null when package.json names neither, and links that must be absolute (SARIF helpUri) are left out.
 */
export function readmeUrlOf(p: Pick<PackageJson, 'repository' | 'homepage'>): string | null {
  const repo = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  if (repo !== undefined) {
    const github = /^(?:github:|(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?github\.com\/|git@github\.com:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(repo);
    if (github) return `https://github.com/${github[1]}/${github[2]}`;
  }
  if (p.homepage !== undefined && /^https?:\/\/\S+$/.test(p.homepage)) return p.homepage.replace(/#.*$/, '');
  return null;
}

export const README_URL: string | null = readmeUrlOf(pkg);
