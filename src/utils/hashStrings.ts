import { createHash } from "node:crypto";

/**
 * SHA-256 (hex) of a list of strings, each prefixed with its length so that no two
 * lists share a hash by accident. Streams the strings into the hash: no joined copy of
 * a large conversation is ever made.
 */
export const hashStrings = (parts: Iterable<string>): string => {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(`${part.length}:`);
    hash.update(part);
  }
  return hash.digest("hex");
};
