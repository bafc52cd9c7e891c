/**
 * A source's code without its comments and string contents, every line where it was: what the
 * line scanners look at, so that a `{` or `new` in a comment or a string is not code.
 */

/**
 * codeOnly blanks comments and the contents of strings with spaces, keeping every newline. A
 * template literal that interpolates (and so makes a string) keeps its backticks; one that does
 * not is blanked like a plain string.
 */
export function codeOnly(source: string): string {
  let out = '';
  let i = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const rest = source.slice(i, i + 2);
    if (rest === '//') {
      const end = source.indexOf('\n', i);
      const to = end === -1 ? source.length : end;
      out += blank(source.slice(i, to));
      i = to;
    } else if (rest === '/*') {
      const end = source.indexOf('*/', i + 2);
      const to = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, to));
      i = to;
    } else if (source[i] === '"' || source[i] === "'" || source[i] === '`') {
      const quote = source[i]!;
      let j = i + 1;
      while (j < source.length && source[j] !== quote && !(quote !== '`' && source[j] === '\n'))
        j += source[j] === '\\' ? 2 : 1;
      const literal = source.slice(i, j + 1);
      const keep = quote !== '`' || literal.includes('${') ? quote : ' ';
      out += keep + blank(literal.slice(1, -1)) + (literal.length > 1 ? keep : '');
      i = j + 1;
    } else {
      out += source[i];
      i++;
    }
  }
  return out;
}
