// Code lens tooltips. vscode-languageclient 9 (LSP 3.17) drops a command's `tooltip` when it
// converts the server's lenses, so the server also sends it as the command's first argument
// (server/src/features/codeLens.ts); this copies it back to `command.tooltip`, which VS Code
// shows on hovering the lens. No `vscode` here: unit tests load this file.

interface LensLike {
  command?: { title: string; command: string; tooltip?: string; arguments?: unknown[] };
}

/** The tooltip the server put in `command.arguments[0].tooltip`, or undefined. */
export function tooltipArgument(lens: LensLike): string | undefined {
  const arg = lens.command?.arguments?.[0];
  const tooltip = typeof arg === 'object' && arg !== null ? (arg as { tooltip?: unknown }).tooltip : undefined;
  return typeof tooltip === 'string' && tooltip ? tooltip : undefined;
}

/** The lens with `command.tooltip` set from its argument (a tooltip already there is kept). */
export function withTooltip<T extends LensLike>(lens: T): T {
  const tooltip = tooltipArgument(lens);
  if (lens.command && tooltip && !lens.command.tooltip) lens.command.tooltip = tooltip;
  return lens;
}

/** `withTooltip` over a provider's answer, whatever it is (lenses, undefined, null). */
export function withTooltips<T extends LensLike>(lenses: T[] | null | undefined): T[] | null | undefined {
  return lenses ? lenses.map(withTooltip) : lenses;
}
