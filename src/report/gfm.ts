/**
 * Text from policies, messages and inputs, made safe to interpolate into GitHub-flavoured markdown: GitHub renders
 * raw HTML, so `<namespace>` or `<control-plane principal>` would be taken for a tag and vanish. Outside code spans
 * `&`, `<` and `>` become entities; inside them the text is shown as written already.
 */
export function gfmText(text: string): string {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('');
}

/** The same, for a table cell: one line, with its pipes escaped. */
export function gfmCell(text: string): string {
  return gfmText(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
