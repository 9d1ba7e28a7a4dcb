// What model calls cost is the one part of a run's files that depends on timing and on the
// cache; comparisons of files between runs take it out with these helpers.

/** `value` with every `llmUsage` field removed, at any depth. */
const dropLlmUsage = (value) => {
  if (Array.isArray(value)) return value.map(dropLlmUsage);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "llmUsage").map(([key, item]) => [key, dropLlmUsage(item)]));
};

/** How many cells at the end of a sweep.md row are the model calls' (sent, cached, tokens, cost). */
const LLM_USAGE_CELLS = 4;

/** A file's text without what its model calls cost (timing and cache state, not a result). */
export const withoutLlmUsage = (path, text) => {
  if (path.endsWith(".json")) {
    return JSON.stringify(dropLlmUsage(JSON.parse(text)));
  }
  if (path.endsWith("sweep.md")) {
    return text
      .split("\n")
      .filter((line) => !line.startsWith("Model calls of the "))
      .map((line) => (line.startsWith("| ") ? `${line.split(" | ").slice(0, -LLM_USAGE_CELLS).join(" | ")} |` : line))
      .join("\n");
  }
  if (path.endsWith(".html")) {
    return text.replace(/(<script type="application\/json" id="report-data">)([^]*?)(<\/script>)/, (_, open, block, close) =>
      `${open}${JSON.stringify(dropLlmUsage(JSON.parse(block)))}${close}`
    );
  }
  return text;
};
