// Helpers for the editor-feature tests: a cursor marker in a text, the client-side filtering
// an editor applies to completion items, and semantic token decoding.
import { workspace, uriOf } from './helpers.mjs';

export const A = uriOf('a.claim');

/** Splits `text` at the `|` marker: { text, position }. */
export function cursor(marked, marker = '|') {
  const i = marked.indexOf(marker);
  if (i < 0) throw new Error('no cursor marker');
  const text = marked.slice(0, i) + marked.slice(i + marker.length);
  const before = text.slice(0, i).split(/\r\n|\r|\n/);
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** A service with a.claim (the marked text) and other files; the position of the marker. */
export function at(marked, others = {}, settings) {
  const { text, position } = cursor(marked);
  const s = workspace({ 'a.claim': text, ...others }, settings);
  return { s, text, position, uri: A };
}

/** Completion at the marker. */
export function complete(marked, others = {}, options) {
  const { s, position, text } = at(marked, others);
  const list = s.getCompletions(A, position, options);
  return { list, text, position };
}

/**
 * The items an editor shows: what is typed between the start of an item's edit range and the
 * cursor must be a prefix (case-insensitive) of its filter text (or label). In sort order.
 */
export function visible(list, text, position) {
  const line = text.split('\n')[position.line];
  return list.items
    .filter((it) => {
      const typed = line.slice(it.textEdit.range.start.character, position.character).toLowerCase();
      return (it.filterText ?? it.label).toLowerCase().startsWith(typed);
    })
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

export const labels = (items) => items.map((i) => i.label);

/** Decodes LSP semantic tokens into { line, start, length, type, modifiers[] }. */
export function decodeTokens(data, legend) {
  const out = [];
  let line = 0,
    start = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, ds, length, type, mods] = data.slice(i, i + 5);
    line += dl;
    start = dl ? ds : start + ds;
    out.push({ line, start, length, type: legend.tokenTypes[type], modifiers: legend.tokenModifiers.filter((_, k) => mods & (1 << k)) });
  }
  return out;
}
