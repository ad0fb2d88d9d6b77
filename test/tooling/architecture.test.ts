import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArchitecture } from '../../scripts/check-architecture.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'arch-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('the import graph of worker/', () => {
  it('has no cycle and keeps every wall', () => {
    expect(checkArchitecture(path.resolve(import.meta.dirname, '../../worker'))).toEqual([]);
  });

  it('reports a cycle made only of type imports', () => {
    const root = tree({
      'a/one.ts': "import type { B } from './two';\nexport type A = B;\n",
      'a/two.ts': "import type { A } from './one';\nexport type B = { a?: A };\n",
    });
    expect(checkArchitecture(root)).toEqual([
      expect.stringMatching(/^import cycle: a\/one\.ts → a\/two\.ts$/),
    ]);
  });

  it('reports a pure layer that imports storage, and the admin plane importing the proxy', () => {
    const root = tree({
      'db/schema.ts': 'export const t = 1;\n',
      'routing/plan.ts': "import { t } from '../db/schema';\nexport const p = t;\n",
      'proxy/handler.ts': 'export const h = 1;\n',
      'admin/index.ts': "import {\n  h,\n} from '../proxy/handler';\nexport const x = h;\n",
    });
    const problems = checkArchitecture(root);
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(expect.stringContaining('routing must not import db'));
    expect(problems).toContainEqual(expect.stringContaining('admin must not import proxy'));
  });
});
