/**
 * Dependencies pinned (issue 15): every package.json dependency names one exact version, and the
 * lockfile, which `npm ci` installs from, holds exactly that version, with an integrity hash for
 * every package it installs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, any>;

describe('dependencies', () => {
  const pkg = read('package.json');
  const lock = read('package-lock.json');

  it('package.json names exact versions only, and the lockfile installs exactly those', () => {
    const problems: string[] = [];
    for (const section of ['dependencies', 'devDependencies'] as const) {
      for (const [name, version] of Object.entries(pkg[section] as Record<string, string>)) {
        if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`${section}.${name}: "${version}" is a range`);
        const locked = lock.packages[`node_modules/${name}`]?.version;
        if (locked !== version) problems.push(`${name}: package.json ${version}, lockfile ${String(locked)}`);
        if (lock.packages['']?.[section]?.[name] !== version)
          problems.push(`${name}: the lockfile's root entry differs`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every package the lockfile installs from the registry has an integrity hash', () => {
    const missing = Object.entries(
      lock.packages as Record<string, { resolved?: string; integrity?: string; link?: boolean }>,
    )
      .filter(
        ([path, entry]) => path !== '' && !entry.link && entry.resolved?.startsWith('https://') && !entry.integrity,
      )
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });
});
