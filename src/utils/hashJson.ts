import { createHash } from "node:crypto";

/** JSON with object keys sorted, so equal values always give equal text. */
const toCanonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, item) =>
    item !== null && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.keys(item).sort().map((name) => [name, item[name]]))
      : item
  );

/** SHA-256 (hex) of a value's canonical JSON: a content address. */
export const hashJson = (value: unknown): string => createHash("sha256").update(toCanonicalJson(value)).digest("hex");
