// Device counts: world size from per-node devices and nodes, counts the launcher decides
// ("auto", -1), and the count from a `# scaling-planner: gpus=N` comment or settings.

import type { Collector, Got } from '../collector';
import { parseQuantity } from '../quantity';
import { part, type Part } from './tokens';

/** A device count from a `# scaling-planner: gpus=N` comment or settings; recorded on the run. */
export function externalCount(c: Collector): Part | undefined {
  const f = c.external('hardware.count');
  if (!f) return undefined;
  const p = parseQuantity(f.value, 'count');
  if (!p.ok || p.value < 1) return undefined;
  c.run.hardware.count = p.value;
  c.sources['hardware.count'] = { span: f.span, origin: f.origin, note: f.origin === 'comment' ? `from a # scaling-planner: comment (${f.value})` : `from settings (${f.value})` };
  return { value: p.value, key: f.origin === 'comment' ? 'devices (# scaling-planner comment)' : 'devices (settings)', span: f.span };
}

/**
 * World size from per-node devices and nodes as the file gives them; `perNode` alone counts one
 * node. `null` is a count the file leaves to the launcher ("auto", -1, an unresolved
 * interpolation): the world size is then unknown, never one node. Falls back to a comment or
 * setting when the caller derives values from it. Records hardware.count.
 */
export function deviceCount(c: Collector, perNode: Got | null | undefined, nodes: Got | null | undefined, total?: Got | null, fallback = true): Part | undefined {
  if (total && total.value >= 1) {
    c.run.hardware.count = total.value;
    c.record('hardware.count', total.path, total.hit);
    return part(total);
  }
  if (perNode === null || nodes === null || total === null) return fallback ? externalCount(c) : undefined;
  if (perNode && perNode.value >= 1) {
    const n = nodes && nodes.value >= 1 ? nodes.value : 1;
    const count = perNode.value * n;
    c.run.hardware.count = count;
    if (nodes && nodes.value >= 1) c.derived('hardware.count', [{ key: perNode.key, span: perNode.span }, { key: nodes.key, span: nodes.span }], `${perNode.key} ${perNode.value} × ${nodes.key} ${nodes.value} = ${count} devices`);
    else c.record('hardware.count', perNode.path, perNode.hit, `${perNode.key} per node; one node (no node count in the file)`);
    return { value: count, key: nodes && nodes.value >= 1 ? `${perNode.key} × ${nodes.key}` : perNode.key, span: perNode.span };
  }
  return fallback ? externalCount(c) : undefined;
}

/**
 * A device or node count that the launcher may decide: "auto" or -1 (every visible device; NeoX
 * num_nodes -1 = every host in the hostfile) and unresolved interpolations give `null`, an unknown
 * count said as information, never an error. Absent: undefined.
 */
export function countOrAuto(c: Collector, path: Array<string | number>, what = 'every visible device'): Got | null | undefined {
  const h = c.hit(path);
  if (!h || h.value === null) return undefined;
  const v = h.value;
  if ((typeof v === 'string' && /^\s*auto\s*$/i.test(v)) || v === -1 || v === '-1') {
    if (!c.external('hardware.count')) {
      c.problem('missing-facts', 'information', `${path.join('.')}: ${h.source} uses ${what}, so the device count is unknown; add \`# scaling-planner: gpus=…\` (or hardware.count in settings).`, h.span, 'hardware.count');
    }
    return null;
  }
  // An unresolved ${...} is reported by the collector as unknown; an invalid value as an error.
  const g = c.value([path], 'hardware.count');
  if (!g) return null;
  return g.value >= 1 ? g : null;
}
