import { createHash } from "node:crypto";

/** Bytes a file name may take on common file systems, with room for a temp suffix. */
const MAX_NAME_BYTES = 200;

/** Path separators, NUL, control characters and characters Windows forbids. */
const UNSAFE_CHARACTERS = /[\/\\\u0000-\u001f\u007f<>:"|?*]/g;

/**
 * Makes a single file name out of arbitrary text: characters that could change the
 * directory (separators) or that file systems reject become "_", a leading dot becomes
 * "_" (no hidden or `..` names), and an over-long name is cut and given a hash of the
 * original so two long names never collide. The extension is kept.
 */
export const toSafeFileName = (baseName: string, extension: string): string => {
  let name = baseName.replace(UNSAFE_CHARACTERS, "_").replace(/^\./, "_");
  if (Buffer.byteLength(name + extension) > MAX_NAME_BYTES) {
    const hash = createHash("sha256").update(baseName).digest("hex").slice(0, 16);
    const room = MAX_NAME_BYTES - extension.length - hash.length - 1;
    name = `${Buffer.from(name).subarray(0, room).toString("utf8").replace(/\uFFFD+$/, "")}_${hash}`;
  }
  return name + extension;
};
