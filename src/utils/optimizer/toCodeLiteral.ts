/**
 * Turns any string into a JavaScript string literal that evaluates to exactly the same
 * string. The one escaping helper every code template uses: JSON.stringify escapes
 * quotes, backslashes, control characters and lone surrogates; U+2028 and U+2029 are
 * escaped too, so the literal is safe for any parser. Backticks, `${`, and `*\/` need no
 * escaping inside a double-quoted literal.
 */
export const toCodeLiteral = (value: string): string =>
  JSON.stringify(String(value))
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
