/** Characters that could end or confuse a script element or a JS source, as JSON escapes. */
const UNSAFE_IN_SCRIPT: Readonly<Record<string, string>> = Object.freeze({
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
});

/**
 * JSON text of `value` that is safe as the content of an HTML `<script
 * type="application/json">` element: `<`, `>`, `&`, U+2028 and U+2029 are written as
 * \uXXXX escapes, so no `</script>`, `<!--` or line separator can appear in the
 * markup, and `JSON.parse` of the element's text gives back exactly the same value.
 * The one way data enters the HTML report.
 */
export const toScriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => UNSAFE_IN_SCRIPT[char]);
