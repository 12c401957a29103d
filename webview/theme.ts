// Colours from the --vscode-* variables, read when a chart is drawn, and a callback when the
// theme changes (VS Code swaps the body class and rewrites the variables on <html>).

export interface Palette {
  fg: string;
  muted: string;
  grid: string;
  border: string;
  background: string;
  fontFamily: string;
  fontSize: number;
  blue: string;
  orange: string;
  green: string;
  purple: string;
  red: string;
  yellow: string;
  /** Translucent version of a colour (for fills and ranges). */
  alpha(color: string, a: number): string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

/** rgb/rgba/#rgb/#rrggbb(aa) -> rgba with the given alpha; other strings come back unchanged. */
export function withAlpha(color: string, a: number): string {
  const c = color.trim();
  let m = /^#([0-9a-f]{3,8})$/i.exec(c);
  if (m) {
    let hex = m[1];
    if (hex.length === 3 || hex.length === 4) hex = [...hex].map((x) => x + x).join('');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${a})`;
  }
  m = /^rgba?\(([^)]+)\)$/i.exec(c);
  if (m) {
    const [r, g, b] = m[1].split(/[,\s/]+/).filter(Boolean);
    return `rgba(${r}, ${g}, ${b}, ${a})`;
  }
  return c;
}

/** Series colours at full strength (a theme may give chart colours an alpha channel). */
function opaque(color: string): string {
  return withAlpha(color, 1);
}

/** The colour actually behind the charts (the editor or the side bar background). */
function pageBackground(): string | undefined {
  for (const el of [document.body, document.documentElement]) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\([^)]*,\s*0\)$/.test(bg)) return bg;
  }
  return undefined;
}

export function readPalette(): Palette {
  const s = getComputedStyle(document.body);
  const dark = !document.body.classList.contains('vscode-light') && !document.body.classList.contains('vscode-high-contrast-light');
  return {
    fg: cssVar(s, '--vscode-editor-foreground', dark ? '#cccccc' : '#3b3b3b'),
    muted: cssVar(s, '--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    grid: withAlpha(cssVar(s, '--vscode-charts-lines', dark ? '#cccccc' : '#3b3b3b'), 0.18),
    border: cssVar(s, '--vscode-panel-border', dark ? '#2b2b2b' : '#e5e5e5'),
    background: pageBackground() ?? cssVar(s, '--vscode-editor-background', dark ? '#1f1f1f' : '#ffffff'),
    fontFamily: cssVar(s, '--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(cssVar(s, '--vscode-font-size', '13px')) || 13,
    blue: opaque(cssVar(s, '--vscode-charts-blue', '#3794ff')),
    orange: opaque(cssVar(s, '--vscode-charts-orange', '#d18616')),
    green: opaque(cssVar(s, '--vscode-charts-green', '#89d185')),
    purple: opaque(cssVar(s, '--vscode-charts-purple', '#b180d7')),
    red: opaque(cssVar(s, '--vscode-charts-red', '#f14c4c')),
    yellow: opaque(cssVar(s, '--vscode-charts-yellow', '#cca700')),
    alpha: withAlpha,
  };
}

/** Calls back (once per frame) when the body's theme class or the theme variables change. */
export function onThemeChange(cb: () => void): void {
  let pending = false;
  const fire = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      cb();
    });
  };
  const mo = new MutationObserver(fire);
  mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id'] });
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
