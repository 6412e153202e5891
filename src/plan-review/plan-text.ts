/**
 * Terraform's human plan output, made readable in a GitHub comment.
 */

/**
 * Puts a diff sign in the first column of each changed line, so a ```diff
 * block colours it: `+` creations, `-` destructions and replacements, `!`
 * updates. Terraform indents its markers, which GitHub's highlighting does
 * not see. The sign takes the place of the first space, keeping alignment.
 */
export function diffHighlight(planText: string): string {
  return planText
    .replace(/^\n+/, '')
    .split('\n')
    .map((line) => {
      const match = /^(\s*)(-\/\+|\+\/-|[+~-])(\s.*|)$/.exec(line);
      if (!match) return line;
      const [, indent, marker, rest] = match;
      const sign = marker === '+' ? '+' : marker === '~' ? '!' : '-';
      return `${sign}${indent!.slice(1)}${marker}${rest}`;
    })
    .join('\n');
}

/**
 * At most `maxChars` characters of `text`, cut at a line end, with a note of
 * how many lines were left out. GitHub refuses comment bodies over 65,536
 * characters, so long plans are shortened rather than the comment lost.
 */
export function truncateLines(text: string, maxChars: number): { text: string; omittedLines: number } {
  if (text.length <= maxChars) return { text, omittedLines: 0 };
  const cut = text.lastIndexOf('\n', maxChars);
  const kept = cut > 0 ? text.slice(0, cut) : '';
  const omitted = text.slice(kept.length).split('\n').filter((l, i) => i > 0 || l !== '').length;
  return { text: kept, omittedLines: omitted };
}
