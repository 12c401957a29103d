// Hostile inputs for the editor path: the reproducers of the reliability review (merge-key
// fan-out, many keys, big flow collections, non-config bytes) as generators, so the unit tests
// and `npm run bench` run the same files. Sizes stay inside the editor's 1 MiB limit.

export interface HostileInput {
  name: string;
  fileName: string;
  text: string;
}

const MIB = 1024 * 1024;

const PLAN_HEAD = 'model:\n  params: 7B\ndata:\n  tokens: 1T\n';

/** `levels` anchored maps, each merging the previous one `fan` times: a lookup miss without a memo costs fan^levels. */
export function mergeBomb(levels: number, fan: number): string {
  const out = ['l0: &l0 {a: 1}'];
  for (let i = 1; i <= levels; i++) out.push(`l${i}: &l${i}\n  <<: [${Array(fan).fill(`*l${i - 1}`).join(', ')}]`);
  out.push(`model:\n  <<: *l${levels}\n  params: 7B\ndata:\n  tokens: 1T`);
  return out.join('\n') + '\n';
}

/** One key per line under the top level (or under `model:`): every one an unknown-key finding. */
export function manyKeys(n: number, under?: 'model'): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(under ? `  k${i}: 0` : `k${i}: 0`);
  return under ? `model:\n  params: 7B\n${lines.join('\n')}\ndata:\n  tokens: 1T\n` : `${PLAN_HEAD}${lines.join('\n')}\n`;
}

/** One anchor and `n` keys aliasing it: without a per-document alias table each lookup walks the whole document. */
export function manyAliases(n: number): string {
  const lines = ['a: &a {seq_len: 4096}', 'model:', '  params: 7B', '  <<: *a', 'data:', '  tokens: 1T'];
  for (let i = 0; i < n; i++) lines.push(`k${i}: *a`);
  return `${lines.join('\n')}\n`;
}

/** A plan with one flow list of small numbers filling the text up to `bytes`. */
export function flowList(bytes: number, sep = ', '): string {
  const head = `${PLAN_HEAD}x-notes: [`;
  const parts: string[] = [];
  let len = head.length + 2;
  for (let i = 0; len < bytes; i++) {
    const item = String(i % 10);
    parts.push(item);
    len += item.length + sep.length;
  }
  return `${head}${parts.join(sep)}]\n`;
}

/** A plan with a block list filling the text up to `bytes`. */
export function blockList(bytes: number): string {
  const head = `${PLAN_HEAD}x-notes:\n`;
  const n = Math.floor((bytes - head.length) / 6);
  return head + '  - 0\n'.repeat(n);
}

export function hostileCorpus(): HostileInput[] {
  return [
    { name: 'self-merge, 3 aliases (38 B)', fileName: 'x.plan.yaml', text: 'model: &a\n  <<: [*a, *a, *a]\ndata: {}\n' },
    { name: 'docker-compose self-merge', fileName: 'docker-compose.yml', text: '--- &a\n<<: [*a, *a, *a, *a]\nservices: {}\n' },
    { name: 'merge bomb 9 x 9', fileName: 'bomb.plan.yaml', text: mergeBomb(9, 9) },
    { name: 'merge bomb 9 x 9, no plan name', fileName: 'config.yaml', text: mergeBomb(9, 9) },
    { name: 'merge bomb with a syntax error', fileName: 'train.yaml', text: `${mergeBomb(9, 9)}loop: &loop\n  <<: *loop\n  bad: [\n` },
    { name: 'litgpt self-merge x4', fileName: 'config.yaml', text: 'model_config: &blk\n  <<: [*blk, *blk, *blk, *blk]\n  n_layer: 32\n  n_embd: 4096\ntrain:\n  max_tokens: 1e12\n' },
    { name: '9,000 aliases of one anchor', fileName: 'alias.plan.yaml', text: manyAliases(9_000) },
    { name: '10,000 unknown keys', fileName: 'keys.plan.yaml', text: manyKeys(10_000) },
    { name: '100,000 unknown keys', fileName: 'keys.plan.yaml', text: manyKeys(100_000) },
    { name: '80,000 keys inside model:', fileName: 'keys.plan.yaml', text: manyKeys(80_000, 'model') },
    { name: '1 MiB flow list', fileName: 'flow.plan.yaml', text: flowList(MIB - 64) },
    { name: '1 MiB flow list, no spaces', fileName: 'flow.plan.yaml', text: flowList(MIB - 64, ',') },
    { name: '1 MiB block list', fileName: 'block.plan.yaml', text: blockList(MIB - 64) },
    { name: '1 MiB comment', fileName: 'comment.plan.yaml', text: `${PLAN_HEAD}${'# a note about the run, kept for later\n'.repeat(Math.floor((MIB - 64) / 40))}` },
    { name: 'deep flow nesting (2,000)', fileName: 'deep.plan.yaml', text: `${PLAN_HEAD}x-deep: ${'['.repeat(2000)}${']'.repeat(2000)}\n` },
    { name: 'NUL bytes', fileName: 'nul.plan.yaml', text: '\0'.repeat(1000) },
    { name: 'empty', fileName: 'empty.plan.yaml', text: '' },
    { name: 'UTF-16LE read as UTF-8', fileName: 'u16.plan.yaml', text: '\uFFFD\uFFFDm\0o\0d\0e\0l\0:\0\n\0' },
  ];
}
