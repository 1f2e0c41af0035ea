import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index';

describe('MIGRATIONS', () => {
  it('lists every migration file in this folder, oldest first', () => {
    const files = readdirSync(__dirname)
      .filter((file) => /^Migration\d{14}\w*\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(files);
  });
});
